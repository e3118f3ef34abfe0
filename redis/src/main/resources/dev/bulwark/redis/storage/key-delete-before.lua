-- Deletes a recipient's wrapped data keys created before ARGV[1] (strictly).
-- KEYS as in key-put.lua. Returns how many were deleted.
local total = 0
while true do
  local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, 500)
  if #ids == 0 then
    break
  end
  total = total + redis.call('HDEL', KEYS[1], unpack(ids))
  redis.call('ZREM', KEYS[2], unpack(ids))
end
return total
