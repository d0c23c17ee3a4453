-- Text cleaning and the inbox's time formats (data-contract §1), shared by every staging model.

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

-- 是/否 in the spellings registers use.
create or replace macro parse_yes_no(text) as case
  when clean(text) in ('是', '1', 'Y', 'y', 'yes', 'Yes', 'YES', 'true', 'TRUE', 'True', '√') then true
  when clean(text) in ('否', '0', 'N', 'n', 'no', 'No', 'NO', 'false', 'FALSE', 'False', '×') then false
end;

-- Device logs pad attendance numbers with spaces or zeros; rosters do not.
create or replace macro normalize_attendance_no(text) as case
  when regexp_full_match(clean(text), '\d+') then coalesce(nullif(ltrim(clean(text), '0'), ''), '0')
  else clean(text)
end;

-- Whole numbers written as `5`, `5.0` or ` 5 `; anything else is null.
create or replace macro parse_whole_number(text) as case
  when regexp_full_match(clean(text), '\d+(\.0+)?') then clean(text)::double::integer
end;

-- Mobile numbers in free text (comments, notes) are masked before anything is published.
create or replace macro mask_phone_numbers(text) as regexp_replace(text, '(1[3-9]\d)\d{4}(\d{4})', '\1****\2', 'g');
