-- A resend in a one-time code session: issue-replacing-previous (CodeStore.resend), following
-- StoredCode.resend rule for rule.
-- KEYS[1]  the session's record (version 1, see RedisCodeStore)
-- ARGV[1]  the binding hash          ARGV[2] the new code's hash     ARGV[3] now in epoch ms
-- ARGV[4]  the policy's code lifetime in ms
-- ARGV[5]  the policy's attempt budget   ARGV[6] the policy's send limit
-- ARGV[7..26]  the policy's cooldown after the 1st..20th send, in ms
-- Returns {status, codeExpiresAt, nextSendAt}; times are -1 for "none" / "never".
-- Status: 0 SENT, 1 COOLDOWN, 2 SEND_LIMIT_REACHED, 3 BINDING_MISMATCH, 4 NOT_FOUND.
local key = KEYS[1]
local binding = ARGV[1]
local newCode = ARGV[2]
local now = tonumber(ARGV[3])
local lifetime = tonumber(ARGV[4])
local policyMaxAttempts = tonumber(ARGV[5])
local policyMaxSends = tonumber(ARGV[6])
local rec = redis.call('GET', key)
if not rec then
  return {4, -1, -1}
end
if #rec < 32 or string.byte(rec, 1) ~= 1 then
  return redis.error_reply('BULWARK_BAD_RECORD code session: unknown version or length')
end
local _, state, used, maxAttempts, sends, maxSends, ceh, cel, nsh, nsl, seh, sel, bindingLength, pos =
  struct.unpack('>BBBBBBi4I4i4I4i4I4B', rec)
local codeLengthAt = pos + bindingLength
if codeLengthAt > #rec or codeLengthAt + string.byte(rec, codeLengthAt) ~= #rec then
  return redis.error_reply('BULWARK_BAD_RECORD code session: truncated')
end
local storedBinding = string.sub(rec, pos, pos + bindingLength - 1)
local nextSend = nsh * 4294967296 + nsl
local sessionExpires = seh * 4294967296 + sel

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

local function resendAt(s, next)
  if s >= maxSends or next >= sessionExpires then
    return -1
  end
  return next
end

-- i64 big-endian of a Lua number; at or above 2^63 it is Long.MAX_VALUE ("never")
local function i64(x)
  if x >= 9223372036854775807 then
    return struct.pack('>i4I4', 2147483647, 4294967295)
  end
  local hi = math.floor(x / 4294967296)
  return struct.pack('>i4I4', hi, x - hi * 4294967296)
end

if now >= sessionExpires then
  return {4, -1, -1}
end
if not equal(storedBinding, binding) then
  return {3, -1, resendAt(sends, nextSend)}
end
if sends >= maxSends then
  return {2, -1, -1}
end
if now < nextSend then
  return {1, -1, nextSend}
end
local newSends = sends + 1
local expires = math.min(now + lifetime, sessionExpires)
local newNextSend
if newSends >= policyMaxSends then
  newNextSend = 9223372036854775807
else
  newNextSend = now + tonumber(ARGV[6 + newSends])
end
local record = struct.pack('>BBBBBB', 1, 0, 0, policyMaxAttempts, newSends, maxSends)
  .. i64(expires) .. i64(newNextSend) .. string.sub(rec, 23, 30)
  .. struct.pack('B', bindingLength) .. storedBinding
  .. struct.pack('B', #newCode) .. newCode
redis.call('SET', key, record, 'KEEPTTL')
return {0, expires, resendAt(newSends, newNextSend)}
