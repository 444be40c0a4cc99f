export default class { kind = "anon class"; }
