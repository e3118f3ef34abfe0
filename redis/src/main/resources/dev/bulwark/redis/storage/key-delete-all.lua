-- Deletes every wrapped data key of a recipient (crypto-shredding). KEYS as in key-put.lua.
-- Returns how many there were.
local n = redis.call('HLEN', KEYS[1])
redis.call('DEL', KEYS[1], KEYS[2])
return n
