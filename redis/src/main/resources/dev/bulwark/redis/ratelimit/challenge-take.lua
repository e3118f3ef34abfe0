-- Takes the challenge entry KEYS[1] (RedisChallengeStore.take) in one atomic step.
-- A used mark (the single byte 0x00) or a digest (0x01 then its bytes) is deleted and returned;
-- no entry returns nil. Any other value is not one the store writes: it is left in place and the
-- call fails with an error reply that names neither the key nor the value.
local v = redis.call('GET', KEYS[1])
if not v then
  return false
end
if v == '\0' or string.byte(v, 1) == 1 then
  redis.call('DEL', KEYS[1])
  return v
end
return redis.error_reply('BULWARK_BAD_RECORD challenge value: not in this store\'s format')
