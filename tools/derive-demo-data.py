#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Derive jicai's compact demo tables from the real market data.

    tools/derive-demo-data.py [DATA_DIR] [--out DIR]

DATA_DIR is the shared data directory (default: ../shared/data relative to
the repository root); the tables go to resources/demo/ (or --out).  The
raw files are read, never copied: what ships is the catalog, canteens,
vehicles, a price series per catalog item and a README saying how each was
made.  The run is deterministic (no clock, no randomness, no floats in any
price or quantity): the same input gives byte-identical output.

Python 3.9+ standard library only.
"""

import argparse
import collections
import csv
import datetime
import decimal
import io
import json
import os
import re
import sys

# ---------------------------------------------------------------------------
# Inputs

VEG_FILE = "raw/xinfadi-html-2013-2016/XinFDVeg_2013-06-10_to_2016-05-03.from_xlsx.csv"
FRUIT_FILE = "raw/xinfadi-html-2013-2016/XinFDFruit_2013-06-10_to_2016-05-05.csv"
Q4_FILE = "raw/xinfadi-getpricedata-2021q4/caijia_2021-09-08_to_2021-12-07.csv"
# Read only to confirm that aliases are real market spellings.
OTHER_NAME_FILES = [
    ("raw/xinfadi-getpricedata-2021q4/caijia_2021-10-12_to_2021-10-25_nocat.csv", "utf-8", True),
    ("raw/xinfadi-getpricedata-2021-12-spec/prive_duo_utf8.csv", "utf-8", True),
    ("raw/xinfadi-getpricedata-2021-12-spec/prive_data1_gbk.csv", "gbk", True),
    ("raw/xinfadi-html-table-2021/caijia_2021-07-16_noheader.csv", "utf-8", False),
    ("raw/xinfadi-html-table-2021/caijia_2021-03-22_noheader_gbk.csv", "gbk", False),
]
SAMPLE_JSON = [
    "samples/xinfadi_getPriceData_2025-02-08_page1.json",
    "samples/xinfadi_getPriceData_record_2022-07-05.json",
]

DAYS = 456                                   # days_back 0 … 455 (≈ 15 months)
OLD_END = datetime.date(2015, 11, 29)        # veg/fruit: days_back 0 (+11 years = 2026-11-29)
Q4_START = datetime.date(2021, 9, 8)         # 2021 series: index 0
Q4_END = datetime.date(2021, 12, 7)          # 2021 series: index 90 = days_back 0
Q4_LEN = (Q4_END - Q4_START).days + 1        # 91

# How many items of a category a canteen orders on a day, on average: the
# same table as daily_picks[] in core/jc-demo.c.  Keep the two in step.
DAILY_PICKS = {"veg": 12, "fruit": 2, "meat": 4, "aquatic": 2, "soy": 2, "grain": 3, "condiment": 2}

# Expected purchase per diner per day, grams, category total.  The order
# generator orders an item on a day with chance picks/n (n = items in the
# category) and then orders per_diner × diners, so per_diner is scaled so
# that picks/n × Σ per_diner equals this target.
DAILY_TARGET_G = {"veg": 250, "fruit": 120, "meat": 110, "aquatic": 60, "soy": 45,
                  "grain": 200, "condiment": 30}

CATEGORIES = [  # code, market prodCat, code prefix
    ("veg", "蔬菜", "V"), ("fruit", "水果", "F"), ("meat", "肉禽蛋", "M"),
    ("aquatic", "水产", "A"), ("soy", "豆制品", "S"), ("grain", "粮油", "G"),
    ("condiment", "调料", "C"),
]
CAT_NAME = {c: n for c, n, _ in CATEGORIES}
CAT_PREFIX = {c: p for c, _, p in CATEGORIES}

# ---------------------------------------------------------------------------
# The catalog, curated by hand from what the data offers (see README).
#
# Each entry: (series spellings, catalog name or None, loss ‰, portion weight g,
#              extra aliases, options)
#   series spellings: the market names whose quotes make the item's series,
#       preferred first (a product renamed inside the window has several);
#   catalog name: None = the first series spelling; otherwise the spelling
#       the market uses today (2021+ API data) for the same product;
#   portion weight: relative grams per diner on a day the item is ordered,
#       scaled per category to DAILY_TARGET_G;
#   extra aliases: further real market spellings of the same product;
#   options: unit / quote unit / pack / piece mass where not loose per 斤.
# Every alias is checked to occur as a product name in the raw data.

K = {}                                              # loose, quoted per 斤
EGG = lambda g: {"piece_g": g}                      # per 斤, but counted by 个 in the kitchen
PIECE = lambda g: {"unit": "piece", "qunit": "个", "piece_g": g}
BOX = lambda g: {"unit": "piece", "qunit": "盒", "pack": 1000, "piece_g": g}
BAG = lambda g: {"unit": "piece", "qunit": "袋", "pack": 1000, "piece_g": g}
SACK = lambda kg: {"pack": kg * 1000}
DRUM = {"pack": 4600, "quoted_per": "pack"}         # 5 L drum of oil ≈ 4.6 kg; the
                                                    # market prints its price per drum
                                                    # with the unit 斤

VEG = [
    (("大白菜",), None, 100, 35, (), K),
    (("甘蓝洋白菜", "洋白菜", "甘蓝圆白菜", "圆白菜"), "圆白菜", 80, 30, (), K),
    (("紫甘蓝",), None, 80, 15, (), K),
    (("小白菜",), None, 120, 25, (), K),
    (("油菜",), None, 100, 25, (), K),
    (("菠菜",), None, 120, 25, (), K),
    (("油麦菜",), None, 100, 20, (), K),
    (("生菜",), None, 80, 15, (), K),
    (("散叶生菜",), None, 100, 15, (), K),
    (("芹菜",), None, 150, 20, (), K),
    (("茴香",), None, 120, 8, (), K),
    (("韭菜",), None, 80, 15, (), K),
    (("香菜",), None, 150, 3, (), K),
    (("莴笋",), None, 150, 25, (), K),
    (("菜花",), None, 120, 25, (), K),
    (("散菜花",), None, 100, 25, (), K),
    (("绿菜花",), None, 120, 20, (), K),
    (("黄豆芽",), None, 20, 20, (), K),
    (("绿豆芽",), None, 20, 20, (), K),
    (("番茄",), None, 20, 30, (), K),
    (("黄瓜",), None, 30, 30, (), K),
    (("茄子",), None, 30, 25, (), K),
    (("长茄",), None, 30, 25, (), K),
    (("冬瓜",), None, 80, 30, (), K),
    (("西胡芦（油）", "西葫芦（油）", "西葫芦"), "西葫芦", 40, 25, (), K),
    (("丝瓜",), None, 60, 15, (), K),
    (("苦瓜",), None, 50, 12, (), K),
    (("金丝南瓜",), None, 80, 15, (), K),
    (("南北瓜",), None, 80, 15, (), K),
    (("尖椒",), None, 40, 15, (), K),
    (("柿子椒",), None, 60, 15, (), K),
    (("杭椒",), None, 40, 10, (), K),
    (("线椒",), None, 40, 10, (), K),
    (("豇豆",), None, 40, 20, (), K),
    (("扁豆",), None, 40, 20, (), K),
    (("架豆",), None, 40, 20, (), K),
    (("油豆",), None, 40, 20, (), K),
    (("鲜玉米",), "玉米", 60, 15, (), K),
    (("土豆",), None, 50, 35, (), K),
    (("红薯",), None, 50, 15, (), K),
    (("紫薯",), None, 50, 10, (), K),
    (("芋头",), None, 60, 12, (), K),
    (("山药",), None, 60, 15, (), K),
    (("藕",), "莲藕", 60, 15, (), K),
    (("荸荠",), None, 60, 5, (), K),
    (("胡萝卜",), None, 40, 20, (), K),
    (("白萝卜",), None, 50, 25, (), K),
    (("心里美",), None, 50, 10, (), K),
    (("青萝卜",), None, 50, 10, (), K),
    (("黄皮葱头",), "葱头", 40, 15, (), K),
    (("葱",), "大葱", 80, 6, (), K),
    (("姜",), None, 50, 3, (), K),
    (("大蒜",), None, 60, 3, (), K),
    (("蒜米",), None, 10, 3, (), K),
    (("蒜苗",), None, 60, 8, (), K),
    (("青蒜",), None, 60, 6, (), K),
    (("香菇",), None, 30, 10, (), K),
    (("平菇",), None, 30, 10, (), K),
    (("金针菇",), None, 30, 10, (), K),
    (("杏鲍菇",), None, 30, 10, (), K),
    (("口蘑",), None, 30, 8, (), K),
    (("鸡腿菇",), None, 30, 8, (), K),
]

FRUIT = [
    (("国产香蕉",), None, 50, 60, (), K),
    (("泰国香蕉",), None, 50, 50, (), K),
    (("南美、菲律宾香蕉", "菲律宾香蕉", "南美洲、菲律宾香蕉"), None, 50, 50, (), K),
    (("无籽小号-大号", "无籽(小号-大号)西瓜"), None, 50, 70, (), K),
    (("麒麟西瓜",), None, 50, 60, (), K),
    (("西州密", "西州蜜"), "西洲蜜", 50, 60, (), K),
    (("哈密瓜",), None, 50, 60, (), K),
    (("久红瑞",), None, 50, 50, (), K),
    (("库尔勒香梨",), None, 30, 60, (), K),
    (("雪花梨",), None, 30, 60, (), K),
    (("鸭梨",), None, 30, 60, (), K),
    (("丰水梨",), None, 30, 60, (), K),
    (("红香酥梨", "红香酥梨系列"), None, 30, 60, (), K),
    (("黄元帅",), None, 30, 60, (), K),
    (("富士（纸袋Φ70-84）", "富士（纸袋Φ70-85）", "富士（纸袋Φ70<85）", "富士（纸袋Φ70<85）苹果"),
     None, 30, 70, ("富士",), K),
    (("红提葡萄",), "红提", 20, 50, (), K),
    (("猕猴桃（海沃德）",), None, 30, 50, ("猕猴桃",), K),
    (("石榴（云南）",), None, 50, 40, (), K),
    (("箱装菠萝（上六下六）", "箱装菠萝"), None, 50, 50, (), K),
    (("木瓜",), None, 50, 40, (), K),
    (("柠檬",), None, 20, 5, (), K),
]

MEAT = [
    (("五花肉",), None, 0, 30, (), K),
    (("后臀尖",), None, 0, 30, (), K),
    (("前臀尖",), None, 0, 30, (), K),
    (("纯瘦肉",), None, 0, 30, (), K),
    (("通脊",), None, 0, 25, (), K),
    (("纯排骨",), None, 0, 30, (), K),
    (("腔排骨",), None, 0, 25, (), K),
    (("猪蹄",), None, 20, 15, (), K),
    (("棒骨",), None, 0, 15, (), K),
    (("猪肝",), None, 10, 10, (), K),
    (("牛腩",), None, 10, 25, (), K),
    (("牛后腱",), None, 10, 20, (), K),
    (("牛后腿",), None, 10, 20, (), K),
    (("牛柳",), None, 10, 15, ("牛柳（里脊）",), K),
    (("羊肉片",), None, 0, 15, (), K),
    (("去骨羊后腿",), None, 10, 15, (), K),
    (("肉鸡",), None, 20, 30, (), K),
    (("鸡胸",), None, 10, 25, (), K),
    (("鸡翅中",), None, 10, 15, (), K),
    (("鸡琵琶腿",), None, 10, 25, (), K),
    (("鸡边腿",), None, 10, 25, (), K),
    (("白条湖鸭",), None, 20, 20, (), K),
    (("散鸡蛋",), None, 10, 30, (), EGG(55)),
    (("生鸭蛋",), None, 10, 10, (), EGG(70)),
    (("鹌鹑蛋",), None, 10, 5, (), EGG(10)),
    (("鸽子蛋",), None, 10, 3, (), PIECE(18)),
]

AQUATIC = [
    (("草鱼",), None, 100, 40, (), K),
    (("鲤鱼",), None, 100, 30, (), K),
    (("鲫鱼",), None, 100, 25, (), K),
    (("鲢鱼",), None, 100, 25, (), K),
    (("胖头鱼",), None, 100, 30, (), K),
    (("武昌鱼",), None, 100, 30, (), K),
    (("黑鱼",), None, 100, 25, (), K),
    (("罗非鱼",), None, 100, 30, (), K),
    (("淡水鲈鱼",), None, 100, 30, (), K),
    (("海鲈鱼",), None, 100, 30, (), K),
    (("国产带鱼",), None, 60, 30, (), K),
    (("小黄花鱼",), None, 100, 30, (), K),
    (("金鲳鱼",), None, 80, 30, (), K),
    (("鱿鱼",), None, 50, 20, (), K),
    (("白虾",), None, 80, 20, (), K),
    (("基围虾",), None, 80, 15, (), K),
    (("花蛤",), None, 100, 20, (), K),
    (("蛏子",), None, 100, 15, (), K),
    (("海虹",), None, 100, 20, (), K),
    (("鲍鱼",), None, 50, 6, (), PIECE(60)),
]

SOY = [
    (("豆腐丝",), None, 0, 15, (), K),
    (("豆腐皮",), None, 0, 15, (), K),
    (("豆腐干",), None, 0, 20, (), K),
    (("豆腐泡",), None, 0, 10, (), K),
    (("白玉北豆腐",), None, 0, 30, (), BOX(400)),
    (("白玉南豆腐",), None, 0, 25, (), BOX(400)),
    (("白玉内酯豆腐",), None, 0, 20, (), BOX(350)),
    (("香香北豆腐",), None, 0, 25, (), BOX(400)),
    (("香香内脂豆腐",), None, 0, 20, (), BOX(350)),
    (("精品豆腐干",), None, 0, 10, (), BAG(250)),
]

GRAIN = [
    (("东北大米",), None, 0, 160, (), SACK(25)),
    (("东北长粒香米",), None, 0, 160, (), SACK(25)),
    (("东北盘锦大米",), None, 0, 120, (), SACK(25)),
    (("南方江米",), None, 0, 15, (), K),
    (("河北小米",), None, 0, 15, (), K),
    (("绿豆",), None, 0, 15, (), K),
    (("古船富强粉",), None, 0, 60, (), SACK(25)),
    (("五得利富强粉",), None, 0, 60, (), SACK(25)),
    (("古船标准粉",), None, 0, 40, (), SACK(25)),
    (("金龙鱼调和油",), None, 0, 30, (), DRUM),
    (("福临门大豆油",), None, 0, 35, (), DRUM),
    (("鲁花花生油",), None, 0, 20, (), DRUM),
]

CONDIMENT = [
    (("京晶食盐",), None, 0, 20, (), K),
    (("雪景绵白糖",), None, 0, 15, (), K),
    (("味精",), None, 0, 4, (), K),
    (("玉泰淀粉",), None, 0, 10, (), K),
    (("路畅黄豆酱油",), None, 0, 40, (), K),
    (("路畅陈醋",), None, 0, 15, (), K),
    (("路畅料酒",), None, 0, 15, (), K),
    (("大料",), None, 0, 1, (), K),
    (("花椒",), None, 0, 1, (), K),
    (("粉条",), None, 0, 30, (), K),
]

CATALOG = {"veg": VEG, "fruit": FRUIT, "meat": MEAT, "aquatic": AQUATIC, "soy": SOY,
           "grain": GRAIN, "condiment": CONDIMENT}

# Where each category's prices come from and how much history it needs.
OLD_SERIES = {"veg": VEG_FILE, "fruit": FRUIT_FILE}
MIN_SHARE_OLD = (4, 5)          # quotes on ≥ 80 % of the window's market days
MIN_DAYS_Q4 = {"meat": 70, "aquatic": 70,
               # The market quotes soy products on 63 of the 91 days only and
               # grain/oil/condiments once a dekad (9 days): see README.
               "soy": 56, "grain": 9, "condiment": 9}
DEKADAL = {"grain", "condiment"}
MIN_ROWS = 300

# ---------------------------------------------------------------------------
# Canteens and vehicles (not market data: written here, see README).

CANTEENS = [
    # code, name, agency, address, lat, lon (WGS84), window, diners
    ("CT01", "市政府机关食堂", "市政府办公厅", "黄浦区人民大道200号", "31.230416", "121.473701", "06:30", "08:30", 1200),
    ("CT02", "市政大厦机关食堂", "市教委", "黄浦区大沽路100号", "31.227900", "121.470100", "06:30", "08:30", 1100),
    ("CT03", "市财政局食堂", "市财政局", "徐汇区肇嘉浜路800号", "31.198500", "121.450500", "07:00", "09:00", 450),
    ("CT04", "市卫健委食堂", "市卫健委", "浦东新区世博村路300号4号楼", "31.197800", "121.501200", "07:00", "09:00", 600),
    ("CT05", "市公安局机关食堂", "市公安局", "虹口区中山北一路803号", "31.278300", "121.485100", "06:00", "08:00", 1200),
    ("CT06", "市市场监管局食堂", "市市场监管局", "徐汇区肇嘉浜路301号", "31.203000", "121.461000", "07:00", "09:00", 500),
    ("CT07", "市人社局食堂", "市人社局", "浦东新区世博村路300号2号楼", "31.198700", "121.502500", "07:00", "09:00", 450),
    ("CT08", "市商务委食堂", "市商务委", "浦东新区世博村路300号1号楼", "31.199200", "121.501800", "07:00", "09:00", 350),
    ("CT09", "市规划资源局食堂", "市规划资源局", "黄浦区北京西路99号", "31.236300", "121.469300", "06:30", "08:30", 500),
    ("CT10", "市水务局食堂", "市水务局", "长宁区江苏路389号", "31.220800", "121.431600", "07:00", "09:00", 300),
    ("CT11", "市绿化市容局食堂", "市绿化市容局", "静安区胶州路768号", "31.234800", "121.443300", "07:00", "09:00", 350),
    ("CT12", "市档案局食堂", "市档案局", "长宁区仙霞路326号", "31.207600", "121.406500", "07:00", "09:00", 180),
    ("CT13", "市气象局食堂", "市气象局", "徐汇区蒲西路166号", "31.190000", "121.433900", "06:30", "08:30", 300),
    ("CT14", "市科委食堂", "市科委", "徐汇区钦州路100号", "31.172000", "121.427000", "07:00", "09:00", 250),
    ("CT15", "市地震局食堂", "市地震局", "普陀区兰溪路87号", "31.238900", "121.412800", "07:00", "09:00", 150),
    ("CT16", "市新闻出版局食堂", "市新闻出版局", "黄浦区绍兴路5号", "31.210700", "121.465100", "07:00", "09:00", 200),
    ("CT17", "市疾控中心食堂", "市卫健委", "长宁区中山西路1380号", "31.205400", "121.421200", "06:30", "08:30", 700),
]

DEPOT = ("市机管局食材配送中心（江桥）", "31.255000", "121.334500")
VEHICLES = [
    # plate, capacity_kg
    ("沪A7K352", 2000),
    ("沪B6M831", 3000),
    ("沪AD36518", 1500),
    ("沪B3R726", 2500),
]

# ---------------------------------------------------------------------------

PRICE_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")
MILLI = decimal.Decimal(1000)


def die(msg):
    sys.exit("derive-demo-data: " + msg)


def milli_yuan(text):
    """Decimal price text → integer milli-yuan, half up, no float."""
    return int((decimal.Decimal(text) * MILLI).quantize(decimal.Decimal(1),
                                                        rounding=decimal.ROUND_HALF_UP))


class Stats:
    def __init__(self):
        self.c = collections.Counter()


def clean_prices(low, avg, high, stats, tag):
    """(low, avg, high) in milli-yuan per market unit, or None (and count why)."""
    lo, av, hi = (s.strip() for s in (low, avg, high))
    if not (PRICE_RE.match(lo) and PRICE_RE.match(av) and PRICE_RE.match(hi)):
        stats.c[tag + ": price not a number (unit text or empty)"] += 1
        return None
    lo, av, hi = milli_yuan(lo), milli_yuan(av), milli_yuan(hi)
    if lo == 0 and av == 0 and hi == 0:
        stats.c[tag + ": 0,0,0 (no quote)"] += 1
        return None
    if lo <= 0 or av <= 0 or hi <= 0:
        stats.c[tag + ": a zero price"] += 1
        return None
    if not lo <= av <= hi:
        stats.c[tag + ": low <= avg <= high violated"] += 1
        return None
    return lo, av, hi


def read_csv(path, encoding="utf-8"):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode(encoding)
    return list(csv.reader(io.StringIO(text, newline="")))


def strip_bom(s):
    return s.replace("\ufeff", "").strip()


def load_old(path, stats, tag):
    """2013–2016 HTML-era file.

    Returns ({name: {date: [(spec, row_no, neighbours, prices)]}}, market days,
    {name: Counter of neighbour names}).  `neighbours` are the names listed
    just before and after the row on the same day; the Counter holds them for
    the days on which the name is listed once, i.e. its usual place in the
    market's daily list."""
    rows = read_csv(path, "utf-8")
    header = [strip_bom(h) for h in rows[0]]
    if header != ["品名", "最低价", "平均价", "最高价", "规格", "单位", "发布日期"]:
        die("%s: unexpected header %r" % (path, header))
    lo_d = OLD_END - datetime.timedelta(days=DAYS - 1)
    listed = []                 # (row_no, name, day, r) in file order, window only
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != 7:
            stats.c[tag + ": malformed line"] += 1
            continue
        name = strip_bom(r[0])
        if not name:
            stats.c[tag + ": empty name"] += 1
            continue
        try:
            day = datetime.date.fromisoformat(r[6].strip())
        except ValueError:
            stats.c[tag + ": bad date"] += 1
            continue
        if lo_d <= day <= OLD_END:
            listed.append((i, name, day, r))
    series = collections.defaultdict(lambda: collections.defaultdict(list))
    market_days = set()
    per_day = collections.Counter((name, day) for _, name, day, _ in listed)
    home = collections.defaultdict(collections.Counter)
    for j, (i, name, day, r) in enumerate(listed):
        nb = tuple(listed[k][1] for k in (j - 1, j + 1)
                   if 0 <= k < len(listed) and listed[k][2] == day)
        if per_day[(name, day)] == 1:
            home[name].update(nb)
        stats.c[tag + ": rows in window"] += 1
        market_days.add(day)
        if r[5].strip() != "斤":
            stats.c[tag + ": unit not 斤"] += 1
            continue
        p = clean_prices(r[1], r[2], r[3], stats, tag)
        if p is None:
            continue
        series[name][day].append((r[4].strip(), i, nb, p))
    return series, market_days, home


def load_q4(path, stats):
    """2021 API-era file (mislabelled header): {(cat, name, unit): {date: [(row, prices)]}}."""
    rows = read_csv(path, "utf-8")
    if rows[0] != ["prodCat", "prodPcat", "prodName", "lowPrice", "avgPrice", "highPrice",
                   "place", "unitInfo", "pubDate"]:
        die("%s: unexpected header %r" % (path, rows[0]))
    series = collections.defaultdict(lambda: collections.defaultdict(list))
    cat_days = collections.defaultdict(set)
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != 9:
            stats.c["2021: malformed line"] += 1
            continue
        # Physical order is low, HIGH, AVG under a header that says low, avg, high.
        low, high, avg = r[3], r[4], r[5]
        try:
            day = datetime.date.fromisoformat(r[8].strip()[:10])
        except ValueError:
            stats.c["2021: bad date"] += 1
            continue
        if not Q4_START <= day <= Q4_END:
            stats.c["2021: date outside series"] += 1
            continue
        stats.c["2021: rows"] += 1
        cat_days[r[0]].add(day)
        p = clean_prices(low, avg, high, stats, "2021")
        if p is None:
            continue
        series[(r[0], strip_bom(r[2]), r[7].strip())][day].append((i, p))
    return series, cat_days


def all_market_names(data_dir):
    """Every product name in any of the Xinfadi files, to vet aliases."""
    names = set()
    for rel in (VEG_FILE, FRUIT_FILE):
        for r in read_csv(os.path.join(data_dir, rel))[1:]:
            if r:
                names.add(strip_bom(r[0]))
    for r in read_csv(os.path.join(data_dir, Q4_FILE))[1:]:
        names.add(strip_bom(r[2]))
    for rel, enc, has_header in OTHER_NAME_FILES:
        rows = read_csv(os.path.join(data_dir, rel), enc)
        for r in rows[1 if has_header else 0:]:
            if r:
                names.add(strip_bom(r[0]))
    for rel in SAMPLE_JSON:
        with open(os.path.join(data_dir, rel), encoding="utf-8") as f:
            doc = json.load(f)
        for rec in doc.get("list", [doc]):
            names.add(rec["prodName"])
    names.discard("")
    return names


def pick_old(day_rows, spellings, home):
    """One row for a day.

    规格 普通 first, then the preferred spelling, then the row that sits at
    the item's usual place in the daily list (several leafy greens are
    listed twice on weekdays, once more in the dearer 水菜 section, often
    also labelled 普通; that section is not always above the main list, so
    "the first row" would flip between the two), then file order."""
    best = None
    for pri, name in enumerate(spellings):
        for spec, row_no, nb, p in day_rows.get(name, ()):
            score = sum(home[name][n] for n in nb)
            key = (0 if spec == "普通" else 1, pri, -score, row_no)
            if best is None or key < best[0]:
                best = (key, p)
    return best[1] if best else None


def pick_q4(days):
    """One row per day for a 2021 item.

    The scraper dropped specInfo, so a product quoted in several grades or
    sizes has several rows per day, and its thread pool wrote the 20-row
    pages in completion order, so "the first row" in the file is not always
    the first the market listed.  The market lists the grades in a fixed
    order; we take, on each day, the row at the price rank (by avg, then
    low, then high) that the file's first row has on most days with the same
    number of rows — the market's first-listed grade."""
    mode = {}
    votes = collections.defaultdict(collections.Counter)
    for day, rows in days.items():
        distinct = sorted(set(p for _, p in rows))
        if len(distinct) > 1:
            first = min(rows)[1]
            votes[len(distinct)][distinct.index(first)] += 1
    for n, c in votes.items():
        mode[n] = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    out = {}
    flips = 0
    for day, rows in days.items():
        distinct = sorted(set(p for _, p in rows))
        if len(distinct) == 1:
            out[day] = distinct[0]
        else:
            out[day] = distinct[mode[len(distinct)]]
            if out[day] != min(rows)[1]:
                flips += 1
    return out, flips


def q4_index(days_back):
    """Ping-pong: days_back 0…90 walk the series back from its last day,
    91…180 forward again from its second day, and so on, never jumping."""
    m = days_back % (2 * (Q4_LEN - 1))
    return (Q4_LEN - 1 - m) if m <= Q4_LEN - 1 else (m - (Q4_LEN - 1))


def per_base(p, unit):
    """Per-斤 (kg items) or per-个/盒 (piece items) milli-yuan → per base unit."""
    return tuple(v * 2 for v in p) if unit == "kg" else p


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", nargs="?", default=os.path.join(root, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(root, "resources", "demo"))
    args = ap.parse_args()
    data_dir = os.path.normpath(args.data_dir)
    out_dir = os.path.normpath(args.out)

    stats = Stats()
    old = {}
    market_days = {}
    home = {}
    for cat, rel in OLD_SERIES.items():
        old[cat], market_days[cat], home[cat] = load_old(os.path.join(data_dir, rel), stats,
                                              "veg" if cat == "veg" else "fruit")
    q4, q4_cat_days = load_q4(os.path.join(data_dir, Q4_FILE), stats)
    known_names = all_market_names(data_dir)

    items = []                  # dicts, in code order
    prices = []                 # (code, days_back, low, avg, high)
    notes = collections.Counter()
    used_names = {}

    for cat, _, prefix in CATEGORIES:
        entries = CATALOG[cat]
        n_cat = len(entries)
        weight_sum = sum(e[3] for e in entries)
        scale = decimal.Decimal(DAILY_TARGET_G[cat] * n_cat) / (DAILY_PICKS[cat] * weight_sum)
        for idx, (spellings, name, loss, weight, extra, opt) in enumerate(entries, start=1):
            code = "%s%03d" % (prefix, idx)
            name = name or spellings[0]
            unit = opt.get("unit", "kg")
            qunit = opt.get("qunit", "斤")
            aliases = [s for s in spellings if s != name] + [a for a in extra if a != name]
            for a in [name] + aliases:
                if a not in known_names:
                    die("%s %s: “%s” is not a market name in the data" % (code, name, a))
                if a in used_names:
                    die("%s: “%s” already names %s" % (code, a, used_names[a]))
                used_names[a] = code

            rows = {}
            if cat in OLD_SERIES:
                src = old[cat]
                days = set()
                for s in spellings:
                    days |= set(src.get(s, {}))
                need = -(-len(market_days[cat]) * MIN_SHARE_OLD[0] // MIN_SHARE_OLD[1])
                if len(days) < need:
                    die("%s %s: quotes on %d of %d market days, need %d"
                        % (code, name, len(days), len(market_days[cat]), need))
                for day in days:
                    per_day = {s: src[s][day] for s in spellings if day in src.get(s, {})}
                    n_rows = sum(len(v) for v in per_day.values())
                    if n_rows > 1:
                        notes[cat + ": name-days with several clean rows collapsed"] += 1
                    p = pick_old(per_day, spellings, home[cat])
                    if p != pick_old(per_day, spellings, collections.defaultdict(collections.Counter)):
                        notes[cat + ": days whose first 普通 row was not the main-list row"] += 1
                    rows[(OLD_END - day).days] = per_base(p, unit)
                coverage = len(days)
            else:
                key = (CAT_NAME[cat], spellings[0], qunit)
                if key not in q4:
                    die("%s %s: no %s rows quoted per %s" % (code, name, CAT_NAME[cat], qunit))
                series, flips = pick_q4(q4[key])
                notes[cat + ": days whose file-first row was not the market's first grade"] += flips
                notes[cat + ": item-days with several grades (specInfo lost)"] += sum(
                    1 for v in q4[key].values() if len(set(p for _, p in v)) > 1)
                coverage = len(series)
                if coverage < MIN_DAYS_Q4[cat]:
                    die("%s %s: %d of %d days, need %d" % (code, name, coverage, Q4_LEN,
                                                          MIN_DAYS_Q4[cat]))
                if cat in DEKADAL:
                    # Published once a dekad: each day carries the latest publication.
                    filled, last = {}, None
                    for i in range(Q4_LEN):
                        d = Q4_START + datetime.timedelta(days=i)
                        last = series.get(d, last)
                        if last is not None:
                            filled[d] = last
                    series = filled
                by_index = {(d - Q4_START).days: per_base(p, unit) for d, p in series.items()}
                for k in range(DAYS):
                    i = q4_index(k)
                    if i in by_index:
                        rows[k] = by_index[i]

            if len(rows) < MIN_ROWS:
                die("%s %s: only %d price rows" % (code, name, len(rows)))
            for k in sorted(rows):
                lo, av, hi = rows[k]
                prices.append((code, k, lo, av, hi))

            grams = (decimal.Decimal(weight) * scale)
            if unit == "piece":
                per_diner = grams * 1000 / opt["piece_g"]       # milli-pieces
            else:
                per_diner = grams                                # grams = milli-kg
            per_diner = max(1, int(per_diner.quantize(decimal.Decimal(1),
                                                      rounding=decimal.ROUND_HALF_UP)))
            items.append({
                "code": code, "name": name, "category": cat, "base_unit": unit,
                "pack_milli": opt.get("pack", ""), "loss_permille": loss,
                "piece_mass_g": opt.get("piece_g", ""), "per_diner": per_diner,
                "aliases": aliases, "quoted_per": opt.get("quoted_per", ""),
                "coverage": coverage, "rows": len(rows),
                "qunit": qunit, "series": spellings, "grams": grams,
            })

    # ---- checks
    prices.sort(key=lambda p: (p[0], p[1]))        # by code (A… C… F… …), then days_back
    seen = set()
    last = None
    for code, k, lo, av, hi in prices:
        if not (0 < lo <= av <= hi):
            die("%s day %d: bad price %d %d %d" % (code, k, lo, av, hi))
        if not 0 <= k < DAYS:
            die("%s: days_back %d out of range" % (code, k))
        if (code, k) in seen:
            die("%s day %d twice" % (code, k))
        seen.add((code, k))
        if last is not None and (code, k) <= last:
            die("prices not sorted")
        last = (code, k)
    if len(items) < 160:
        die("only %d catalog items" % len(items))
    if len(CANTEENS) != 17 or len(VEHICLES) != 4:
        die("need 17 canteens and 4 vehicles")
    for c in CANTEENS:
        lat, lon = float(c[4]), float(c[5])
        if not (30.9 < lat < 31.5 and 121.1 < lon < 121.9):
            die("%s outside Shanghai" % c[0])

    # ---- write
    os.makedirs(out_dir, exist_ok=True)

    def write(name, text):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    lines = ["code\tname\tcategory\tbase_unit\tpack_milli\tloss_permille\tpiece_mass_g\tper_diner_g\taliases\tquoted_per"]
    for it in items:
        lines.append("\t".join(str(x) for x in (
            it["code"], it["name"], it["category"], it["base_unit"], it["pack_milli"],
            it["loss_permille"], it["piece_mass_g"], it["per_diner"], "|".join(it["aliases"]),
            it["quoted_per"])))
    write("catalog.tsv", "\n".join(lines) + "\n")

    lines = ["code\tdays_back\tlow\tavg\thigh"]
    lines += ["%s\t%d\t%d\t%d\t%d" % p for p in prices]
    prices_text = "\n".join(lines) + "\n"
    write("prices.tsv", prices_text)

    lines = ["code\tname\tagency\taddress\tlat\tlon\twindow_start\twindow_end\tdiners"]
    lines += ["\t".join(str(x) for x in c) for c in CANTEENS]
    write("canteens.tsv", "\n".join(lines) + "\n")

    lines = ["plate\tcapacity_kg\tdepot\tdepot_lat\tdepot_lon\tstart_time\tspeed_kmh\tservice_min"]
    lines += ["%s\t%d\t%s\t%s\t%s\t05:30\t30\t15" % (p, cap, DEPOT[0], DEPOT[1], DEPOT[2])
              for p, cap in VEHICLES]
    write("vehicles.tsv", "\n".join(lines) + "\n")

    write("README.md", readme(items, prices, len(prices_text.encode("utf-8")), market_days,
                              q4_cat_days, stats, notes))

    # ---- summary
    by_cat = collections.Counter(it["category"] for it in items)
    rows_by_cat = collections.Counter()
    for it in items:
        rows_by_cat[it["category"]] += it["rows"]
    print("catalog.tsv: %d items" % len(items))
    for cat, _, _ in CATEGORIES:
        its = [it for it in items if it["category"] == cat]
        print("  %-9s %3d items, %6d price rows, rows/item %d…%d, expected %s g/diner/day"
              % (cat, by_cat[cat], rows_by_cat[cat], min(i["rows"] for i in its),
                 max(i["rows"] for i in its), expected_g(its, cat)))
    print("prices.tsv: %d rows, %d bytes" % (len(prices), len(prices_text.encode("utf-8"))))
    print("canteens.tsv: %d rows (%d diners), vehicles.tsv: %d rows"
          % (len(CANTEENS), sum(c[8] for c in CANTEENS), len(VEHICLES)))
    print("cleaning:")
    for k, v in sorted(stats.c.items()):
        print("  %-58s %7d" % (k, v))
    for k, v in sorted(notes.items()):
        print("  %-58s %7d" % (k, v))


def expected_g(its, cat):
    """Expected purchase per diner per day of a category, grams, as the generator draws."""
    total = decimal.Decimal(0)
    for it in its:
        g = decimal.Decimal(it["per_diner"])
        if it["base_unit"] == "piece":
            g = g * it["piece_mass_g"] / 1000
        total += g
    return int((total * DAILY_PICKS[cat] / len(its)).quantize(decimal.Decimal(1),
                                                             rounding=decimal.ROUND_HALF_UP))


def readme(items, prices, size, market_days, q4_cat_days, stats, notes):
    by_cat = collections.Counter(it["category"] for it in items)
    rows_by_cat = collections.Counter()
    for it in items:
        rows_by_cat[it["category"]] += it["rows"]
    first_old = OLD_END - datetime.timedelta(days=DAYS - 1)
    soy_days = len(q4_cat_days.get("豆制品", ()))
    dek = sorted(q4_cat_days.get("粮油", ()))
    out = []
    w = out.append
    w("# Demo world: derived tables")
    w("")
    w("Generated by `tools/derive-demo-data.py` from the third-party market data in")
    w("`shared/data` (see its `SOURCES.md`). Do not edit by hand: change the script and")
    w("run it again (`python3 tools/derive-demo-data.py [DATA_DIR]`); the output is")
    w("deterministic. No raw file is copied here; these are facts derived from them.")
    w("")
    w("All files: UTF-8, LF, tab-separated, one header line. Money and quantities are")
    w("integers (the derivation uses Python's `decimal`, rounding half up, never floats).")
    w("")
    w("## catalog.tsv — %d items" % len(items))
    w("")
    w("| category | items | price rows | source |")
    w("|---|---:|---:|---|")
    src = {"veg": "XinFDVeg 2013–2016", "fruit": "XinFDFruit 2013–2016"}
    for cat, zh, _ in CATEGORIES:
        w("| `%s` %s | %d | %d | %s |" % (cat, zh, by_cat[cat], rows_by_cat[cat],
                                          src.get(cat, "caijia 2021-09-08…2021-12-07")))
    w("| total | %d | %d | |" % (len(items), len(prices)))
    w("")
    w("Columns:")
    w("")
    w("- `code`: V/F/M/A/S/G/C + three digits, in the order of the script's tables.")
    w("- `name`: a spelling the Xinfadi market itself uses for the product. Where the")
    w("  market renamed a product, `name` is the spelling of its current price feed (the")
    w("  2021 JSON-API data and the 2025/2022 API samples), e.g. 圆白菜 for the 2013–2016")
    w("  甘蓝洋白菜, 莲藕 for 藕, 大葱 for 葱, 玉米 for 鲜玉米, 葱头 for 黄皮葱头, 西葫芦 for")
    w("  西胡芦（油）, 红提 for 红提葡萄, 西洲蜜 for 西州密; otherwise the spelling of the series.")
    w("- `aliases`: `|`-separated other spellings of the same product that occur as product")
    w("  names in the raw files (renames inside the 2013–2016 files, the older spelling of")
    w("  a renamed product, or the generic 2021 name where the catalog holds only one")
    w("  candidate: 富士, 猕猴桃). The script refuses an alias that is not in the data or")
    w("  that names another item. Grades of one product (五花肉（瘦）/（肥）) are not aliases.")
    w("- `base_unit`: `kg` for everything the market quotes per 斤 (including oil, soy")
    w("  sauce, vinegar and cooking wine: the market quotes them by weight, so a litre")
    w("  base would make the real feed unconvertible); `piece` for goods quoted per 个")
    w("  (鸽子蛋, 鲍鱼) and for soy products quoted per 盒 or 袋 (one box or bag = one")
    w("  piece). No item is in `L`.")
    w("- `pack_milli`: one pack in milli base units, as the app's units code reads it")
    w("  (`jc-units.h`: 25 kg = 25000): rice and flour 25 kg sacks = 25000; oil 5 L")
    w("  drums ≈ 4.6 kg = 4600; boxed/bagged soy 1000 (a 盒/袋 quote or order is one")
    w("  piece). Empty for loose goods.")
    w("- `quoted_per`: what the market's price is really for when it is not the unit it")
    w("  prints: `pack` for the three oils. The market prints 金龙鱼调和油 at 61.5, 福临门大豆油")
    w("  at 53.5 and 鲁花花生油 at 141 \"per 斤\", but those are prices of a 5 L drum (a litre")
    w("  of peanut oil does not cost 141 元). The demo maps these names as quoted per pack")
    w("  for its market source (`prices map NAME --item CODE --source 新发地 --per-pack`), so")
    w("  61.5 per drum of 4.6 kg is 13.370 元/kg, not 123 元/kg. Empty elsewhere.")
    w("- `loss_permille`: editorial trim loss: leafy veg 80–150, roots/tubers 40–60 (peeled")
    w("  garlic 10, sprouts 20), fruit veg 20–80, mushrooms 30, fruit 20–50, meat 0–20,")
    w("  eggs 10, whole fish 100, other aquatic 50–100, soy/grain/condiments 0.")
    w("- `piece_mass_g`: mean mass of one piece, editorial estimates (the data has no")
    w("  sizes): 鸽子蛋 18, 鲍鱼 60, boxed tofu 400 (内酯 350), bagged 豆腐干 250. Also")
    w("  given for eggs quoted per 斤 (散鸡蛋 55, 生鸭蛋 70, 鹌鹑蛋 10) so a canteen can")
    w("  order them by 个; empty elsewhere.")
    w("- `per_diner_g`: the quantity per diner on a day the item is ordered, in milli base")
    w("  units: **grams for `kg` items, milli-pieces (pieces × 1000) for `piece` items**.")
    w("  The demo order generator (`core/jc-demo.c`) orders an item on a weekday with")
    w("  chance picks/n (n = items in the category; picks: %s)"
      % ", ".join("%s %d" % kv for kv in DAILY_PICKS.items()))
    w("  and then per_diner × diners ±15 %. The norms are relative portions scaled per")
    w("  category so that the expected purchase per diner per day is:")
    w("")
    w("  | category | expected g/diner/day |")
    w("  |---|---:|")
    for cat, _, _ in CATEGORIES:
        w("  | %s | %s |" % (cat, expected_g([i for i in items if i["category"] == cat], cat)))
    w("")
    w("  (grain ≈ 120 g rice, 45 g flour, 25 g oil, 10 g other grains.)")
    w("")
    w("## prices.tsv — %d rows, %d bytes" % (len(prices), size))
    w("")
    w("`code  days_back  low  avg  high`, sorted by code then days_back. `days_back` 0 is")
    w("the last demo day (the app maps it to today), up to %d (%d days). Prices are"
      % (DAYS - 1, DAYS))
    w("integer milli-yuan per base unit: per-斤 quote × 1000, rounded half up, × 2 for kg")
    w("(rounded per 斤 first, so every kg price is even and the loader's ÷2 back to a")
    w("per-斤 quote is exact); per-个/盒 quote × 1000 for piece items. No source price has")
    w("more than three decimals, so no rounding actually happens.")
    w("")
    w("An item with a `quoted_per` (the oils) is the exception: its rows are the market's")
    w("figures as printed, per 斤 × 2 like the others (123000 for 金龙鱼调和油's 61.5), because")
    w("the loader stores the quote as the market prints it and the app converts it through")
    w("the name's quoted-per override: 61.5 per drum of 4600 g = 13370 milli-yuan/kg (one")
    w("rounding, half up). Read as per 斤 it would be 123 元/kg and would be held for review.")
    w("")
    w("### Vegetables and fruit: the real 2013–2016 daily series")
    w("")
    w("- Files: `raw/xinfadi-html-2013-2016/XinFDVeg_2013-06-10_to_2016-05-03.from_xlsx.csv`")
    w("  and `…/XinFDFruit_2013-06-10_to_2016-05-05.csv`.")
    w("- Window %s … %s; days_back = %s − date. The app maps"
      % (first_old, OLD_END, OLD_END))
    w("  days_back 0 to today, so with today = 2026-11-29 the shift is exactly 11 years")
    w("  and the seasons line up with the real calendar (the weekdays do not; the")
    w("  market quotes every day).")
    w("- Market gaps are kept: a day without a quote has no row. The window has %d"
      % len(market_days["veg"]))
    w("  vegetable and %d fruit market days (days with any quote in the file)."
      % len(market_days["fruit"]))
    w("- Items: only names quoted on ≥ 80 %% of those market days (veg ≥ %d, fruit ≥ %d)."
      % (-(-len(market_days["veg"]) * 4 // 5), -(-len(market_days["fruit"]) * 4 // 5)))
    w("  A product renamed inside the window counts under all its spellings (e.g. 箱装菠萝 →")
    w("  箱装菠萝（上六下六） on 2015-03-09, 红香酥梨 → 红香酥梨系列 on 2015-08-04, the 富士")
    w("  纸袋 Φ70–85 grade spelled four ways, 菲律宾香蕉 → 南美、菲律宾香蕉 on 2014-09-01).")
    w("  Only 21 fruit names reach 80 %: the fruit list is seasonal.")
    w("- Cleaning: U+FEFF stripped from names (mid-file BOM, `\\ufeff\\ufeff木耳菜`);")
    w("  junk and empty rows skipped; rows dropped when a price is not a plain decimal")
    w("  (`2.7（个）`), is 0,0,0, has any zero (荠菜 and 玫瑰香 print avg 0 for months), or")
    w("  violates low ≤ avg ≤ high. Several rows left for a name and day (duplicates,")
    w("  普通 vs 水菜/特菜 grades, two spellings): 规格 普通 first, then the item's")
    w("  preferred spelling, then the row at the item's usual place in the daily list")
    w("  (judged by the names listed next to it on days it is listed once), then the")
    w("  first in the file. The third rule matters: on about 100 weekdays 小白菜, 油菜,")
    w("  菠菜 and 油麦菜 are listed twice, once more in the dearer 水菜 section, and that")
    w("  row is often also labelled 普通 and comes first about two times in three, so")
    w("  \"the first\" would make these series flip between two price levels (%d item-days"
      % sum(v for k, v in notes.items() if "main-list" in k))
    w("  take the main-list row instead of the first).")
    w("")
    w("### Meat, aquatic, soy, grain, condiments: the 2021 series, mirrored")
    w("")
    w("- File: `raw/xinfadi-getpricedata-2021q4/caijia_2021-09-08_to_2021-12-07.csv`, the only")
    w("  file with these categories over time. Its header is wrong: physical column 5 is")
    w("  the high price and column 6 the average; the script reads them so.")
    w("- 2021-12-07 is days_back 0. The %d-day series is extended backwards by ping-pong:" % Q4_LEN)
    w("  days_back 0…90 walk back from 12-07 to 09-08, 91…180 walk forward again from")
    w("  09-09 to 12-07, 181…270 back again, and so on to %d. No jumps, every price real," % (DAYS - 1))
    w("  but everything before days_back 90 is a reflection, not history (a trend in the")
    w("  quarter shows up as a zig-zag over the 15 months).")
    w("- Rows are taken only in the item's market category (the feed reuses names across")
    w("  categories: 香菇 and 黄花菜 are both 蔬菜 and 调料, 花生 蔬菜 and 水果, 豇豆/蚕豆/青豆")
    w("  also 粮油) and only in the item's quote unit (斤; 个 for 鸽子蛋 and 鲍鱼; 盒 for")
    w("  boxed tofu: 箱鸡蛋 is quoted both per 斤 and per 箱).")
    w("- Meat and aquatic items need quotes on ≥ 70 of the 91 days. The market quotes")
    w("  soy products on weekdays only (%d of the 91 days), so soy items need ≥ 56;" % soy_days)
    w("  北豆腐 and 南豆腐 (quoted from 09-20 only, 56 days) still fall short of 300 rows")
    w("  and are left out. Grain, oil and condiment prices are published once a dekad")
    w("  only (%s):" % ", ".join(d.isoformat()[5:] for d in dek))
    w("  each of those items must have all of them, and every day from 09-10 on carries")
    w("  the latest publication")
    w("  (so 09-08 and 09-09 have no row). That carry-forward is the one place the demo")
    w("  shows a price on a day the market did not print one for that item.")
    w("- Cleaning as above. The scraper dropped specInfo, so a product quoted in several")
    w("  grades or sizes (五花肉, 鲫鱼, 国产带鱼, 鲍鱼 …) has several rows a day, and its thread")
    w("  pool wrote pages out of order, so the file's first row is sometimes another")
    w("  grade. Per item and number of rows, the script finds the price rank the file's")
    w("  first row has on most days (the market's first-listed grade) and takes the row")
    w("  at that rank every day; %d item-days differ from the plain first row."
      % sum(v for k, v in notes.items() if "file-first" in k))
    w("")
    w("Every item has ≥ %d price rows; no price is zero; low ≤ avg ≤ high on every row." % MIN_ROWS)
    w("")
    w("Rows read and dropped (all names, before item selection; the veg file's 0,0,0")
    w("rows and unit-text prices all lie outside the window):")
    w("")
    for k, v in sorted(stats.c.items()):
        w("- %s: %d" % (k, v))
    w("")
    w("## canteens.tsv — %d canteens" % len(CANTEENS))
    w("")
    w("Not market data. Seventeen canteens of Shanghai municipal agencies at their office")
    w("addresses; CT02 is the 市政大厦 (大沽路100号), which also houses the 市住建委, 市生态")
    w("环境局 and 市文化旅游局; CT04, CT07 and CT08 are buildings of the 世博村路300号 office")
    w("compound. Coordinates are WGS84 (not the GCJ-02 of Chinese map apps), written from")
    w("the author's knowledge of where the buildings stand, not surveyed: expect errors of")
    w("up to a few hundred metres. Delivery windows HH:MM, diners per day (%d in all)."
      % sum(c[8] for c in CANTEENS))
    w("")
    w("## vehicles.tsv — %d vehicles" % len(VEHICLES))
    w("")
    w("Not market data: Shanghai-plate vans of 1.5–3 t, all starting 05:30 from one depot,")
    w("%s (WGS84 %s, %s, by the 江桥 wholesale market" % DEPOT)
    w("west of the city), 30 km/h average speed, 15 min service per stop. The depot is a plausible")
    w("invention at a real place; plates are made up.")
    w("")
    return "\n".join(out)


if __name__ == "__main__":
    main()
