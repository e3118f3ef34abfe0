-- Test (ARGV[1] = '0') or test-and-set (ARGV[1] = '1') of a sequence number in a scope's RFC 6479
-- window, with the scope's ordering check (ReplayStore.checkSequence / commitSequence).
-- KEYS[1]  the scope's state (format version 1, see RedisReplayStore)
-- ARGV[2]  sequence, high 32 bits    ARGV[3] sequence, low 32 bits (the sequence is non-negative)
-- ARGV[4]  client timestamp (epoch ms)     ARGV[5] the policy's maxJumpAhead
-- ARGV[6]  the policy's window bits (used if the scope has no window yet)
-- ARGV[7]  the policy's reorder tolerance (ms)   ARGV[8] how long to keep the state (ms)
-- Returns 0 ACCEPTED, 1 DUPLICATE, 2 SEQUENCE_TOO_OLD, 3 SEQUENCE_TOO_FAR_AHEAD, 4 OUT_OF_ORDER.
local key = KEYS[1]
local commit = ARGV[1] == '1'
local sh, sl = tonumber(ARGV[2]), tonumber(ARGV[3])
local client = tonumber(ARGV[4])
local maxJump = tonumber(ARGV[5])
local policyBits = tonumber(ARGV[6])
local tolerance = tonumber(ARGV[7])
local keep = tonumber(ARGV[8])
local HEADER = 19

-- state: no window (0 bits), no top (-1), no newest timestamp (Long.MIN_VALUE)
local bits, th, tl, nh, nl = 0, -1, 4294967295, -2147483648, 0
local header = redis.call('GETRANGE', key, 0, HEADER - 1)
local exists = #header > 0
if exists then
  if #header ~= HEADER or string.byte(header, 1) ~= 1 then
    return redis.error_reply('BULWARK_BAD_RECORD replay scope: unknown version or length')
  end
  local _
  _, bits, th, tl, nh, nl = struct.unpack('>BI2i4I4i4I4', header)
  if bits ~= 0 and (bits % 64 ~= 0 or redis.call('STRLEN', key) ~= HEADER + (bits / 64 + 1) * 8) then
    return redis.error_reply('BULWARK_BAD_RECORD replay scope: window of the wrong length')
  end
end
local hasNewest = not (nh == -2147483648 and nl == 0)
local newest = nh * 4294967296 + nl

-- the ring slot of the block of the number (hi, lo): (number >> 6) mod n, exactly
local function slotOf(hi, lo, n)
  return ((hi % n) * (67108864 % n) + math.floor(lo / 64)) % n
end
local function bitOf(hi, lo, n)
  return (HEADER + 8 * slotOf(hi, lo, n)) * 8 + (lo % 64)
end

local outcome = 0
if th >= 0 and bits > 0 then
  local n = bits / 64 + 1
  if sh > th or (sh == th and sl > tl) then
    if (sh - th) * 4294967296 + (sl - tl) > maxJump then
      outcome = 3
    end
  elseif (th - sh) * 4294967296 + (tl - sl) >= (n - 1) * 64 then
    outcome = 2
  elseif redis.call('GETBIT', key, bitOf(sh, sl, n)) == 1 then
    outcome = 1
  end
end
if outcome == 0 and hasNewest and client < newest - tolerance then
  outcome = 4
end

if not commit then
  return outcome
end
if outcome ~= 0 then
  if exists and redis.call('PTTL', key) < keep then
    redis.call('PEXPIRE', key, keep)
  end
  return outcome
end

local function pack64(x)
  local hi = math.floor(x / 4294967296)
  return struct.pack('>i4I4', hi, x - hi * 4294967296)
end

if bits == 0 then
  bits = policyBits
  th, tl = -1, 4294967295
end
local n = bits / 64 + 1
if th < 0 or sh > th or (sh == th and sl > tl) then
  local distance = n
  if th >= 0 then
    distance = (sh - th) * 67108864 + (math.floor(sl / 64) - math.floor(tl / 64))
  end
  if distance >= n then
    redis.call('SETRANGE', key, HEADER, string.rep('\0', n * 8))
  else
    local slot = slotOf(th, tl, n)
    for i = 1, distance do
      redis.call('SETRANGE', key, HEADER + 8 * ((slot + i) % n), string.rep('\0', 8))
    end
  end
  th, tl = sh, sl
end
redis.call('SETBIT', key, bitOf(sh, sl, n), 1)
local newestBytes = struct.pack('>i4I4', nh, nl)
if not hasNewest or client > newest then
  newestBytes = pack64(client)
end
redis.call('SETRANGE', key, 0, struct.pack('>BI2i4I4', 1, bits, th, tl) .. newestBytes)
if redis.call('PTTL', key) < keep then
  redis.call('PEXPIRE', key, keep)
end
return 0
