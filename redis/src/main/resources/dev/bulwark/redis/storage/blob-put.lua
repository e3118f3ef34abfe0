-- Appends one record to a recipient's queue, unless the recipient already has one with this ID.
-- KEYS[1] order: sorted set, ID -> arrival sequence
-- KEYS[2] data: hash, ID -> "<expiry second>:<sealed bytes>"
-- KEYS[3] expiry: sorted set, ID -> expiry second
-- ARGV[1] record ID, ARGV[2] expiry second (decimal), ARGV[3] sealed bytes,
-- ARGV[4] backstop margin in seconds, ARGV[5] longest backstop horizon in seconds
-- Returns 1 if stored, 0 if the ID was taken (nothing changed).
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return 0
end
local existed = redis.call('EXISTS', KEYS[2]) == 1
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local seq = 1
if #last == 2 then
  seq = tonumber(last[2]) + 1
end
redis.call('ZADD', KEYS[1], seq, ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
-- Backstop: the queue's keys vanish on their own a margin after the newest record expires (by
-- Redis's clock), even if no sweeper runs. Expiry proper is decided by the caller's clock.
local now = tonumber(redis.call('TIME')[1])
local target = math.max(tonumber(ARGV[2]), now) + tonumber(ARGV[4])
for _, key in ipairs(KEYS) do
  if target > now + tonumber(ARGV[5]) then
    redis.call('PERSIST', key)
  else
    local current = redis.call('EXPIRETIME', key)
    if (not existed) or (current >= 0 and current < target) then
      redis.call('EXPIREAT', key, target)
    end
  end
end
return 1
