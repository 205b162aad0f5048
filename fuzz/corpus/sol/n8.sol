Route #1: 1 2 3
Route #2: 4 5
Route #3: 6 7
Cost 27
