-- Up to ARGV[2] records of a recipient not expired at ARGV[1], in arrival order.
-- KEYS as in blob-put.lua. Returns a flat array: ID, "<expiry>:<sealed bytes>", ID, ...
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local out = {}
local found = 0
local start = 0
while found < limit do
  local ids = redis.call('ZRANGE', KEYS[1], start, start + 99)
  if #ids == 0 then
    break
  end
  for _, id in ipairs(ids) do
    local value = redis.call('HGET', KEYS[2], id)
    if value then
      local sep = string.find(value, ':', 1, true)
      if tonumber(string.sub(value, 1, sep - 1)) > now then
        out[#out + 1] = id
        out[#out + 1] = value
        found = found + 1
        if found >= limit then
          break
        end
      end
    end
  end
  start = start + 100
end
return out
