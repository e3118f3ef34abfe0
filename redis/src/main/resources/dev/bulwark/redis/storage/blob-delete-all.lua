-- Deletes every record of a recipient. KEYS as in blob-put.lua. Returns how many there were.
local n = redis.call('HLEN', KEYS[2])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return n
