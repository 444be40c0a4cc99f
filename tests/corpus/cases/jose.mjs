import { SignJWT, jwtVerify, decodeJwt, base64url } from "jose";
// Top-level await is issue #16: the case runs in an async function.
(async () => {
  const secret = new TextEncoder().encode("a-string-secret-at-least-256-bits-long");
  const jwt = await new SignJWT({ role: "admin" }).setProtectedHeader({ alg: "HS256" }).setSubject("u1").setIssuedAt(1700000000).sign(secret);
  console.log(jwt);
  const { payload } = await jwtVerify(jwt, secret);
  console.log(payload.sub, payload.role, decodeJwt(jwt).iat, new TextDecoder().decode(base64url.decode("aGk")));
})();
