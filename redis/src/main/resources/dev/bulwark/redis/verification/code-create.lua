-- Stores a new one-time code session if its ID is free (CodeStore.create).
-- KEYS[1]  the session's record
-- ARGV[1]  the record (version 1, see RedisCodeStore)
-- ARGV[2]  the session's end in epoch ms
-- ARGV[3]  now in epoch ms, or '' for the server's TIME
-- Returns 1 if stored (or already over: nothing to keep), 0 if the ID is taken.
local key = KEYS[1]
if redis.call('EXISTS', key) == 1 then
  return 0
end
local now
if ARGV[3] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[3])
end
local ttl = tonumber(ARGV[2]) - now
if ttl > 0 then
  redis.call('SET', key, ARGV[1], 'PX', string.format('%d', ttl))
end
return 1
