export default class { static who() { return "y"; } }
