/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "jc-pinyin"

#include <string.h>

#include "jc-pinyin.h"

/* First GB2312 code of each initial's block in level 1, which GB2312 orders
 * by pinyin.  There are no blocks for i, u, v. */
static const struct { guint16 start; char letter; } blocks[] = {
  { 0xB0A1, 'a' }, { 0xB0C5, 'b' }, { 0xB2C1, 'c' }, { 0xB4EE, 'd' },
  { 0xB6EA, 'e' }, { 0xB7A2, 'f' }, { 0xB8C1, 'g' }, { 0xB9FE, 'h' },
  { 0xBBF7, 'j' }, { 0xBFA6, 'k' }, { 0xC0AC, 'l' }, { 0xC2E8, 'm' },
  { 0xC4C3, 'n' }, { 0xC5B6, 'o' }, { 0xC5BE, 'p' }, { 0xC6DA, 'q' },
  { 0xC8BB, 'r' }, { 0xC8F6, 's' }, { 0xCBFA, 't' }, { 0xCDDA, 'w' },
  { 0xCEF4, 'x' }, { 0xD1B9, 'y' }, { 0xD4D1, 'z' },
};
#define LEVEL1_END 0xD7F9

/* Characters of food names outside GB2312 level 1, and level-1 characters
 * whose usual reading in food names differs from their block. */
static const struct { const char *chars; char letter; } extra[] = {
  { "茼", 't' }, { "蕹", 'w' }, { "芫", 'y' }, { "荸", 'b' }, { "芥", 'j' },
  { "莴", 'w' }, { "蕺", 'j' }, { "荠", 'j' }, { "苤", 'p' }, { "苋", 'x' },
  { "茭", 'j' }, { "蘑", 'm' }, { "菇", 'g' }, { "芪", 'q' }, { "蒡", 'b' },
  { "鲈", 'l' }, { "鲫", 'j' }, { "鳊", 'b' }, { "鲳", 'c' }, { "鳕", 'x' },
  { "鲢", 'l' }, { "鳙", 'y' }, { "鳝", 's' }, { "鲶", 'n' }, { "鲅", 'b' },
  { "鳜", 'g' }, { "鲷", 'd' }, { "鲑", 'g' }, { "鱿", 'y' }, { "鲍", 'b' },
  { "鲟", 'x' }, { "鳗", 'm' }, { "鲇", 'n' }, { "鳟", 'z' }, { "鲽", 'd' },
  { "蛏", 'c' }, { "蚝", 'h' }, { "蛤", 'g' }, { "蚬", 'x' }, { "螺", 'l' },
  { "猕", 'm' }, { "柚", 'y' }, { "橙", 'c' }, { "椰", 'y' }, { "榴", 'l' },
  { "莲", 'l' }, { "菱", 'l' }, { "藕", 'o' }, { "笋", 's' }, { "豇", 'j' },
  { "葱", 'c' }, { "蒜", 's' }, { "韭", 'j' }, { "茄", 'q' }, { "菠", 'b' },
  { "芹", 'q' }, { "芋", 'y' }, { "薯", 's' }, { "姜", 'j' }, { "椒", 'j' },
  { "茴", 'h' }, { "荞", 'q' }, { "粳", 'j' }, { "籼", 'x' }, { "糯", 'n' },
  { "蚕", 'c' }, { "鹌", 'a' }, { "鹑", 'c' }, { "鸽", 'g' }, { "腩", 'n' },
  { "脯", 'p' }, { "腱", 'j' }, { "猪", 'z' }, { "羔", 'g' }, { "鸭", 'y' },
  { "枸", 'g' }, { "杞", 'q' }, { "荔", 'l' }, { "枇", 'p' }, { "杷", 'p' },
  { "柠", 'n' }, { "檬", 'm' }, { "芒", 'm' }, { "莓", 'm' }, { "蔓", 'm' },
  { "樱", 'y' }, { "杏", 'x' }, { "柿", 's' }, { "榛", 'z' }, { "芝", 'z' },
  { "芦", 'l' }, { "笕", 'j' }, { "菌", 'j' }, { "蕈", 'x' }, { "茸", 'r' },
  { "豉", 'c' }, { "蚌", 'b' }, { "虾", 'x' }, { "蟹", 'x' }, { "鳞", 'l' },
  { "鳅", 'q' }, { "鲤", 'l' }, { "鲨", 's' }, { "鳌", 'a' }, { "鲜", 'x' },
  { "蕉", 'j' }, { "沙", 's' }, { "瓤", 'r' }, { "萝", 'l' }, { "卜", 'b' },
  { "蔬", 's' }, { "苔", 't' }, { "薹", 't' }, { "芸", 'y' }, { "豌", 'w' },
  { "扁", 'b' }, { "蒿", 'h' }, { "萵", 'w' }, { "鹅", 'e' }, { "蛋", 'd' },
  { "长", 'c' }, { "调", 't' }, { "切", 'q' },
};

static char
letter_for_gb (guint16 code)
{
  char letter = 0;

  if (code < blocks[0].start || code >= LEVEL1_END)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      if (code < blocks[i].start)
        break;
      letter = blocks[i].letter;
    }
  return letter;
}

static char
letter_for_extra (gunichar c)
{
  char buf[8];
  int n = g_unichar_to_utf8 (c, buf);

  buf[n] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    if (strstr (extra[i].chars, buf) != NULL)
      return extra[i].letter;
  return 0;
}

/* Returns the lower-case initials of each Han character in `utf8`; ASCII
 * letters and digits are kept (lower-cased), everything else is skipped.
 * Free with g_free(). */
char *
jc_pinyin_initials (const char *utf8)
{
  GString *out = g_string_new (NULL);

  if (utf8 == NULL || !g_utf8_validate (utf8, -1, NULL))
    return g_string_free (out, FALSE);

  for (const char *p = utf8; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char letter = 0;

      if (c < 0x80)
        {
          if (g_ascii_isalnum ((char) c))
            g_string_append_c (out, g_ascii_tolower ((char) c));
          continue;
        }
      letter = letter_for_extra (c);
      if (letter == 0)
        {
          char buf[8];
          int n = g_unichar_to_utf8 (c, buf);
          g_autofree char *gb = g_convert (buf, n, "GB18030", "UTF-8", NULL, NULL, NULL);

          if (gb != NULL && strlen (gb) == 2)
            letter = letter_for_gb ((guint16) (((guchar) gb[0] << 8) | (guchar) gb[1]));
        }
      if (letter != 0)
        g_string_append_c (out, letter);
    }
  return g_string_free (out, FALSE);
}
