export class Helper {}
export class Named {}
