-- Text cleaning, identifiers, enumerated values and the inbox's time formats (data-contract §1),
-- shared by every staging model.

-- Trims spaces, tabs, line breaks and the ideographic space; empty becomes null. Most cells need no
-- trimming, and looking at their two ends is a quarter of the cost of trim() with a set of characters.
create or replace macro clean(text) as case
  when contains(' '||chr(9)||chr(10)||chr(13)||'　', text[1]) or contains(' '||chr(9)||chr(10)||chr(13)||'　', text[-1])
    then nullif(trim(text, ' '||chr(9)||chr(10)||chr(13)||'　'), '')
  else nullif(text, '')
end;

-- `YYYY-MM-DD HH:MM[:SS]`, `YYYY/M/D H:MM[:SS]`, Excel cells (read as `YYYY-MM-DD HH:MM:SS`); a bare date is its midnight.
create or replace macro parse_local_timestamp(text) as try_strptime(
  clean(text),
  ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y-%m-%d', '%Y/%m/%d',
   '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日']
);

-- An end time written as a bare date means the end of that day.
create or replace macro parse_local_end_timestamp(text) as case
  when regexp_full_match(clean(text), '\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?')
    then parse_local_timestamp(text) + interval 1 day
  else parse_local_timestamp(text)
end;

create or replace macro parse_local_date(text) as parse_local_timestamp(text)::date;

-- The full-width forms U+FF01–U+FF5E, which Unicode NFKC turns into the ASCII characters below them.
create or replace macro fullwidth_forms() as
  '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～';
create or replace macro halfwidth_forms() as
  '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~';

-- Every space a cell can hold: space, tab, line breaks, no-break, ideographic and zero-width spaces, BOM.
create or replace macro whitespace_characters() as
  ' '||chr(9)||chr(10)||chr(13)||chr(160)||'　'||chr(8203)||chr(65279);

-- rules.md §4 (rev 2): an enumerated value (level, kind, status, category, finding, 是/否 …) is
-- matched after NFKC normalization, with full-width and half-width punctuation, quotes and spaces
-- treated alike. DuckDB has no NFKC: full-width forms become ASCII, every kind of quote becomes ",
-- the CJK punctuation pairs become their ASCII partners and spaces go (translate() drops the
-- characters it has no partner for). Applied to both sides of a match. Most cells are Han
-- characters, letters and digits only, which one match finds already normal: translate() costs
-- a hundred times more.
create or replace macro normalize_enumerated(text) as case
  when regexp_full_match(text, '[\p{Han}A-Za-z0-9_/]+') then text
  else nullif(
    translate(
      text,
      fullwidth_forms() || '“”„‟‘’‚‛「」『』''、。【】〔〕《》〈〉' || whitespace_characters(),
      replace(halfwidth_forms(), '''', '"') || '""""""""""""",.[][]<><>'
    ),
    ''
  )
end;

-- 是/否 in the spellings registers use.
create or replace macro parse_yes_no(text) as case
  when upper(normalize_enumerated(text)) in ('是', '1', 'Y', 'YES', 'TRUE', '√', '✓', '✔') then true
  when upper(normalize_enumerated(text)) in ('否', '0', 'N', 'NO', 'FALSE', '×', '✗', '✘') then false
end;

-- A number as Excel shows it, `1,005` or `1005.0`, is the text `1005`.
create or replace macro excel_number_as_text(text) as case
  when regexp_full_match(text, '\d{1,3}(,\d{3})+(\.0+)?|\d+\.0+') then regexp_replace(replace(text, ',', ''), '\.0+$', '')
  else text
end;

-- Identifiers (工号, 账号, 考勤号码, 窗口号, 流水号, 编号 …) as Excel leaves them: full-width digits
-- and letters, stray spaces, a number's trailing `.0` and its thousands separators are undone, on
-- both sides of every match. Most identifiers are letters and digits only and need nothing.
create or replace macro clean_identifier(text) as case
  when regexp_full_match(text, '[A-Za-z0-9_-]+') then text
  else excel_number_as_text(nullif(translate(text, fullwidth_forms() || whitespace_characters(), halfwidth_forms()), ''))
end;

-- Excel shows a long number as `2.02610E+17`: the digits after the sixth are gone, so the value
-- identifies nothing and is never matched (staging rejects the row).
create or replace macro has_lost_digits(identifier) as
  contains(identifier, '+') and regexp_full_match(identifier, '\d+(\.\d+)?[Ee]\+\d+');

-- Device logs pad attendance numbers with spaces or zeros; rosters do not.
create or replace macro normalize_attendance_no(text) as case
  when regexp_full_match(clean_identifier(text), '\d+') then coalesce(nullif(ltrim(clean_identifier(text), '0'), ''), '0')
  else clean_identifier(text)
end;

-- Whole numbers as a register or Excel writes them: `5`, `5.0`, ` 5 `, `１０`, `1,000`; anything else is
-- null, and so is one past an integer's range (`99999999999999999999` is a typing slip, not a
-- duration: the row is rejected).
create or replace macro parse_whole_number(text) as case
  when regexp_full_match(clean_identifier(text), '\d+') then try_cast(clean_identifier(text) as integer)
end;

-- Mobile numbers in free text (comments, notes) are masked before anything is published.
create or replace macro mask_phone_numbers(text) as regexp_replace(text, '(1[3-9]\d)\d{4}(\d{4})', '\1****\2', 'g');
