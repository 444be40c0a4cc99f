import { name as aName, list, conf, count as aCount } from "./a.mjs";
const name = "b.name";
const count = "b.count";
export const o1 = { aName, list, name, count };
export function dflt(x = aName, { depth = conf.depth } = {}, [first = list[0]] = []) { return [x, depth, first].join("|"); }
export const [one, ...others] = list;
export const { depth, mode: m2 } = conf;
export class F {
  field = aName;
  static sfield = list.length;
  static { F.fromBlock = aName + "/" + name; }
  #priv = aCount;
  get priv() { return this.#priv; }
  [aName] = "computed";
}
export function meth() { return { aName() { return "method"; }, name }.aName(); }
export const tpl = `${aName}-${count}`;
