-- Adds a wrapped data key unless the recipient has one with its ID.
-- KEYS[1] keys: hash, key ID -> encoded wrapped key; KEYS[2] created: sorted set, key ID -> second
-- ARGV[1] key ID (decimal), ARGV[2] encoded wrapped key, ARGV[3] creation second
-- Returns 1 if added, 0 if the ID was taken (nothing changed).
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
  return 1
end
return 0
