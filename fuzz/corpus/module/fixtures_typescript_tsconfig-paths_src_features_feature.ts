// baseUrl: a bare request is tried under src/ first.
import { format } from "lib/format";
export const feature = format("feature");
