/** Fake but plausible Chinese personal names and mobile numbers, drawn from the seeded PRNG. */
import type { Rng } from "./prng.ts";

const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
];
const GIVEN = [
  ..."伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志文斌宇浩然欣怡子涵梓轩雨萱思远晓东海燕红梅玉兰春生金凤立新建华振华丹凤婷婷雪琴慧敏佳琪俊杰晨阳嘉怡一鸣博文",
];
/** The three mobile operators' common prefixes. */
const MOBILE_PREFIXES = [
  "133",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "158",
  "159",
  "177",
  "186",
  "187",
  "189",
  "199",
];

export function personName(rng: Rng): string {
  const given = rng.chance(0.65) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, "0");
}
