-- Deletes a recipient's records expired at ARGV[1] (expiry second <= ARGV[1]).
-- KEYS as in blob-put.lua. Returns how many were deleted.
local total = 0
while true do
  local ids = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1], 'LIMIT', 0, 500)
  if #ids == 0 then
    break
  end
  total = total + redis.call('HDEL', KEYS[2], unpack(ids))
  redis.call('ZREM', KEYS[1], unpack(ids))
  redis.call('ZREM', KEYS[3], unpack(ids))
end
return total
