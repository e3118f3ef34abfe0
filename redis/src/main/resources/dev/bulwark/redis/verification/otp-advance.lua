-- Advance-if-above of one credential's last accepted TOTP step or HOTP counter (OtpReplayStore).
-- KEYS[1]  the credential's record
-- ARGV[1]  value, high 32 bits (signed)     ARGV[2] value, low 32 bits (unsigned)
-- ARGV[3]  retain-until, high 32 bits        ARGV[4] retain-until, low 32 bits
--          (0x7fffffff / 0xffffffff = Long.MAX_VALUE = keep forever)
-- ARGV[5]  expiry slack in ms                ARGV[6] now in epoch ms, or '' for the server's TIME
-- Record, version 1 (17 bytes): 0x01 | value i64 BE | retain-until i64 BE.
-- Returns 1 if the value was recorded, 0 for a replay (nothing changes then).
local key = KEYS[1]
local vhi, vlo = tonumber(ARGV[1]), tonumber(ARGV[2])
local rhi, rlo = tonumber(ARGV[3]), tonumber(ARGV[4])
local slack = tonumber(ARGV[5])
local now
if ARGV[6] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[6])
end

local function before(ah, al, bh, bl)
  return ah < bh or (ah == bh and al < bl)
end

local old = redis.call('GET', key)
if old then
  if #old ~= 17 or string.byte(old, 1) ~= 1 then
    return redis.error_reply('BULWARK_BAD_RECORD otp replay record: unknown version or length')
  end
  local _, ohi, olo, orh, orl = struct.unpack('>Bi4I4i4I4', old)
  if not before(ohi, olo, vhi, vlo) then
    return 0
  end
  if before(rhi, rlo, orh, orl) then
    rhi, rlo = orh, orl
  end
end

local record = struct.pack('>Bi4I4i4I4', 1, vhi, vlo, rhi, rlo)
if rhi == 2147483647 and rlo == 4294967295 then
  redis.call('SET', key, record)
else
  local ttl = rhi * 4294967296 + rlo + slack - now
  if ttl < 1 then
    ttl = 1
  end
  redis.call('SET', key, record, 'PX', string.format('%d', ttl))
end
return 1
