-- Test (ARGV[1] = '0') or insert (ARGV[1] = '1') of a random message ID in a scope's expiring
-- seen-set, with the scope's ordering check (ReplayStore.checkId / commitId).
-- KEYS[1]  the scope's state (format version 1, see RedisReplayStore)
-- KEYS[2]  the scope's seen-set: a sorted set of 16-byte IDs scored by when each may be forgotten
-- ARGV[2]  the ID (16 bytes)        ARGV[3] client timestamp (epoch ms)
-- ARGV[4]  when the ID may be forgotten (epoch ms)   ARGV[5] the policy's reorder tolerance (ms)
-- ARGV[6]  how long to keep the scope's state (ms)   ARGV[7] the most IDs one scope may hold
-- ARGV[8]  now in epoch ms, or '' for the server's TIME
-- ARGV[9]  how much longer than its last ID the seen-set's key is kept (ms)
-- Returns 0 ACCEPTED, 1 DUPLICATE, 4 OUT_OF_ORDER, 5 STORE_FULL.
local stateKey, idsKey = KEYS[1], KEYS[2]
local commit = ARGV[1] == '1'
local id = ARGV[2]
local client = tonumber(ARGV[3])
local forgetAfter = tonumber(ARGV[4])
local tolerance = tonumber(ARGV[5])
local keep = tonumber(ARGV[6])
local maxIds = tonumber(ARGV[7])
local slack = tonumber(ARGV[9])
local now
if ARGV[8] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[8])
end
local HEADER = 19

-- an ID is remembered while its forget-after time is still ahead
local score = redis.call('ZSCORE', idsKey, id)
if score and tonumber(score) > now then
  return 1
end

local header = redis.call('GETRANGE', stateKey, 0, HEADER - 1)
local exists = #header > 0
if exists then
  if #header ~= HEADER or string.byte(header, 1) ~= 1 then
    return redis.error_reply('BULWARK_BAD_RECORD replay scope: unknown version or length')
  end
  local _, bits, th, tl, nh, nl = struct.unpack('>BI2i4I4i4I4', header)
  local hasNewest = not (nh == -2147483648 and nl == 0)
  if hasNewest and client < nh * 4294967296 + nl - tolerance then
    return 4
  end
  if hasNewest and client <= nh * 4294967296 + nl then
    client = nil -- the newest timestamp stays
  end
end

if not commit then
  if redis.call('ZCOUNT', idsKey, '(' .. string.format('%d', now), '+inf') >= maxIds then
    return 5
  end
  return 0
end

redis.call('ZREMRANGEBYSCORE', idsKey, '-inf', string.format('%d', now))
if redis.call('ZCARD', idsKey) >= maxIds then
  return 5
end
redis.call('ZADD', idsKey, string.format('%d', forgetAfter), id)
local idsTtl = forgetAfter - now + slack
if idsTtl < 1 then
  idsTtl = 1
end
if redis.call('PTTL', idsKey) < idsTtl then
  redis.call('PEXPIRE', idsKey, string.format('%d', idsTtl))
end

local function pack64(x)
  local hi = math.floor(x / 4294967296)
  return struct.pack('>i4I4', hi, x - hi * 4294967296)
end
if not exists then
  redis.call('SET', stateKey,
    struct.pack('>BI2i4I4', 1, 0, -1, 4294967295) .. pack64(client), 'PX', string.format('%d', keep))
else
  if client then
    redis.call('SETRANGE', stateKey, 11, pack64(client))
  end
  if redis.call('PTTL', stateKey) < keep then
    redis.call('PEXPIRE', stateKey, string.format('%d', keep))
  end
end
return 0
