-- One step in a one-time code session, chosen by ARGV[1], following StoredCode rule for rule.
-- KEYS[1]  the session's record (version 1, see RedisCodeStore)
--
-- 'attempt': attempt-and-consume (CodeStore.attempt).
--   ARGV[2]  the candidate's hash          ARGV[3] now in epoch ms
--   Returns {status, attemptsRemaining, nextAttemptAt, nextResendAt}; times are -1 for "never".
--   Status: 0 VERIFIED, 1 INVALID, 2 EXPIRED, 3 ATTEMPTS_EXHAUSTED, 4 NOT_FOUND.
--
-- 'resend': issue-replacing-previous (CodeStore.resend).
--   ARGV[2]  the binding hash          ARGV[3] the new code's hash     ARGV[4] now in epoch ms
--   ARGV[5]  the policy's code lifetime in ms
--   ARGV[6]  the policy's attempt budget   ARGV[7] the policy's send limit
--   ARGV[8..27]  the policy's cooldown after the 1st..20th send, in ms
--   Returns {status, codeExpiresAt, nextSendAt}; times are -1 for "none" / "never", and a
--   cooldown that never ends (Long.MAX_VALUE in the record) is -2.
--   Status: 0 SENT, 1 COOLDOWN, 2 SEND_LIMIT_REACHED, 3 BINDING_MISMATCH, 4 NOT_FOUND.

-- The session record decoded, or nil and the error reply for a malformed one.
local function parse(rec)
  if #rec < 32 or string.byte(rec, 1) ~= 1 then
    return nil, redis.error_reply('BULWARK_BAD_RECORD code session: unknown version or length')
  end
  local _, state, used, maxAttempts, sends, maxSends, ceh, cel, nsh, nsl, seh, sel, bindingLength, pos =
    struct.unpack('>BBBBBBi4I4i4I4i4I4B', rec)
  local codeLengthAt = pos + bindingLength
  if codeLengthAt > #rec then
    return nil, redis.error_reply('BULWARK_BAD_RECORD code session: truncated')
  end
  local codeLength = string.byte(rec, codeLengthAt)
  if codeLengthAt + codeLength ~= #rec then
    return nil, redis.error_reply('BULWARK_BAD_RECORD code session: truncated')
  end
  return {
    state = state,
    used = used,
    maxAttempts = maxAttempts,
    sends = sends,
    maxSends = maxSends,
    codeExpires = ceh * 4294967296 + cel,
    nextSend = nsh * 4294967296 + nsl,
    sessionExpires = seh * 4294967296 + sel,
    bindingLength = bindingLength,
    binding = string.sub(rec, pos, pos + bindingLength - 1),
    codeHash = string.sub(rec, codeLengthAt + 1, codeLengthAt + codeLength),
  }
end

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

-- when the next resend is allowed after s sends, or -1 if never
local function resendAt(s, next, maxSends, sessionExpires)
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

local function attempt(key, candidate, now)
  local rec = redis.call('GET', key)
  if not rec then
    return {4, 0, -1, -1}
  end
  local s, bad = parse(rec)
  if not s then
    return bad
  end
  if now >= s.sessionExpires or s.state == 1 then
    return {4, 0, -1, -1}
  end
  local nextResend = resendAt(s.sends, s.nextSend, s.maxSends, s.sessionExpires)
  if s.state == 2 then
    return {3, 0, -1, nextResend}
  end
  if now >= s.codeExpires then
    return {2, 0, -1, nextResend}
  end
  local used = s.used + 1
  if equal(s.codeHash, candidate) then
    redis.call('SETRANGE', key, 1, struct.pack('BB', 1, used))
    return {0, 0, -1, -1}
  end
  if used >= s.maxAttempts then
    redis.call('SETRANGE', key, 1, struct.pack('BB', 2, used))
    return {3, 0, -1, nextResend}
  end
  redis.call('SETRANGE', key, 1, struct.pack('BB', 0, used))
  return {1, s.maxAttempts - used, now, nextResend}
end

local function resend(key, binding, newCode, now, lifetime, policyMaxAttempts, policyMaxSends)
  local rec = redis.call('GET', key)
  if not rec then
    return {4, -1, -1}
  end
  local s, bad = parse(rec)
  if not s then
    return bad
  end
  if now >= s.sessionExpires then
    return {4, -1, -1}
  end
  if not equal(s.binding, binding) then
    return {3, -1, resendAt(s.sends, s.nextSend, s.maxSends, s.sessionExpires)}
  end
  if s.sends >= s.maxSends then
    return {2, -1, -1}
  end
  if now < s.nextSend then
    -- "Never" (2^63 - 1, after a lowered send limit) does not survive as a Lua number: -2 says it.
    if s.nextSend >= 9223372036854775807 then
      return {1, -1, -2}
    end
    return {1, -1, s.nextSend}
  end
  local newSends = s.sends + 1
  local expires = math.min(now + lifetime, s.sessionExpires)
  local newNextSend
  if newSends >= policyMaxSends then
    newNextSend = 9223372036854775807
  else
    newNextSend = now + tonumber(ARGV[7 + newSends])
  end
  local record = struct.pack('>BBBBBB', 1, 0, 0, policyMaxAttempts, newSends, s.maxSends)
    .. i64(expires) .. i64(newNextSend) .. string.sub(rec, 23, 30)
    .. struct.pack('B', s.bindingLength) .. s.binding
    .. struct.pack('B', #newCode) .. newCode
  redis.call('SET', key, record, 'KEEPTTL')
  return {0, expires, resendAt(newSends, newNextSend, s.maxSends, s.sessionExpires)}
end

local op = ARGV[1]
if op == 'attempt' then
  return attempt(KEYS[1], ARGV[2], tonumber(ARGV[3]))
elseif op == 'resend' then
  return resend(KEYS[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]),
    tonumber(ARGV[6]), tonumber(ARGV[7]))
end
return redis.error_reply('unknown code session operation')
