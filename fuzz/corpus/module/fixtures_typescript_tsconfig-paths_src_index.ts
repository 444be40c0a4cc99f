import { format } from "@lib/format";
import { twice } from "@lib/deep/util.js";
import { config } from "@config";
import { feature } from "features/feature";

console.log(format(config.name), twice(21), feature);
