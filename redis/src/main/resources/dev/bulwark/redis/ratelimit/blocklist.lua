-- One temporary ban, one atomic transition per call (RedisBlocklistStore).
--
-- KEYS[1] the ban: a string holding its deadline in microseconds since the epoch; Redis expires
--         the key at (or just after) that deadline
-- ARGV[1] 'block', 'remaining' or 'unblock'
-- ARGV[2] now in microseconds since the epoch, or -1 to read the server's TIME
-- ARGV[3] milliseconds to keep the key beyond its deadline (0 with server time)
-- ARGV[4] the ban's length in microseconds ('block' only)
--
-- 'block' and 'remaining' return the microseconds until the ban ends (0 if none); 'unblock'
-- returns 1 if the key was blocked, else 0. Every number stays below 2^53, so Lua's doubles hold
-- it exactly.

local now = tonumber(ARGV[2])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local grace = tonumber(ARGV[3])

local deadline = tonumber(redis.call('GET', KEYS[1]) or '0')
local left = deadline - now
if left < 0 then
  left = 0
end

local op = ARGV[1]
if op == 'remaining' then
  return left
elseif op == 'block' then
  local ttl = tonumber(ARGV[4])
  if left >= ttl then
    return left -- a ban is never shortened
  end
  deadline = now + ttl
  redis.call('SET', KEYS[1], string.format('%.0f', deadline),
    'PX', string.format('%.0f', math.ceil(ttl / 1000) + grace))
  return ttl
elseif op == 'unblock' then
  redis.call('DEL', KEYS[1])
  if left > 0 then
    return 1
  end
  return 0
end
return redis.error_reply('unknown blocklist operation')
