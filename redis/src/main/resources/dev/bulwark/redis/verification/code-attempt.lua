-- One attempt at a one-time code session: attempt-and-consume (CodeStore.attempt), following
-- StoredCode.attempt rule for rule.
-- KEYS[1]  the session's record (version 1, see RedisCodeStore)
-- ARGV[1]  the candidate's hash          ARGV[2] now in epoch ms
-- Returns {status, attemptsRemaining, nextAttemptAt, nextResendAt}; times are -1 for "never".
-- Status: 0 VERIFIED, 1 INVALID, 2 EXPIRED, 3 ATTEMPTS_EXHAUSTED, 4 NOT_FOUND.
local key = KEYS[1]
local candidate = ARGV[1]
local now = tonumber(ARGV[2])
local rec = redis.call('GET', key)
if not rec then
  return {4, 0, -1, -1}
end
if #rec < 32 or string.byte(rec, 1) ~= 1 then
  return redis.error_reply('BULWARK_BAD_RECORD code session: unknown version or length')
end
local _, state, used, maxAttempts, sends, maxSends, ceh, cel, nsh, nsl, seh, sel, bindingLength, pos =
  struct.unpack('>BBBBBBi4I4i4I4i4I4B', rec)
local codeLengthAt = pos + bindingLength
if codeLengthAt > #rec then
  return redis.error_reply('BULWARK_BAD_RECORD code session: truncated')
end
local codeLength = string.byte(rec, codeLengthAt)
if codeLengthAt + codeLength ~= #rec then
  return redis.error_reply('BULWARK_BAD_RECORD code session: truncated')
end
local codeHash = string.sub(rec, codeLengthAt + 1, codeLengthAt + codeLength)
local codeExpires = ceh * 4294967296 + cel
local nextSend = nsh * 4294967296 + nsl
local sessionExpires = seh * 4294967296 + sel

-- constant time over the stored hash; a length mismatch alone is not secret
local function equal(a, b)
  if #a ~= #b then
    return false
  end
  local diff = 0
  for i = 1, #a do
    diff = bit.bor(diff, bit.bxor(string.byte(a, i), string.byte(b, i)))
  end
  return diff == 0
end

if now >= sessionExpires or state == 1 then
  return {4, 0, -1, -1}
end
local resendAt = nextSend
if sends >= maxSends or nextSend >= sessionExpires then
  resendAt = -1
end
if state == 2 then
  return {3, 0, -1, resendAt}
end
if now >= codeExpires then
  return {2, 0, -1, resendAt}
end
used = used + 1
if equal(codeHash, candidate) then
  redis.call('SETRANGE', key, 1, struct.pack('BB', 1, used))
  return {0, 0, -1, -1}
end
if used >= maxAttempts then
  redis.call('SETRANGE', key, 1, struct.pack('BB', 2, used))
  return {3, 0, -1, resendAt}
end
redis.call('SETRANGE', key, 1, struct.pack('BB', 0, used))
return {1, maxAttempts - used, now, resendAt}
