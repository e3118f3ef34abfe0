-- Deletes one record. KEYS as in blob-put.lua; ARGV[1] record ID.
-- Returns 1 if this call deleted it, 0 if it was not there.
if redis.call('HDEL', KEYS[2], ARGV[1]) == 1 then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
  return 1
end
return 0
