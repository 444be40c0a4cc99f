export class Helper { static seen = Helper.name; static { this.blockSeen = this.name; } }
export class Named { static name = "custom static name"; }
