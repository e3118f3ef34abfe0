-- Compare-and-set of one wrapped data key. KEYS as in key-put.lua.
-- ARGV[1] key ID, ARGV[2] expected encoding, ARGV[3] replacement encoding, ARGV[4] its creation second
-- Returns 1 if replaced, 0 if the stored value was not the expected one (nothing changed).
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
  return 1
end
return 0
