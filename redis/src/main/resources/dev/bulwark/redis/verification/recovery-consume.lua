-- Removes the account's recovery code whose hash equals ARGV[1] (RecoveryCodeStore.consume),
-- comparing every stored hash in full, whatever matched before.
-- KEYS[1]  the account's codes: 0x01 | count (u8) | count x (length (u8, 1 to 255) | hash)
-- Returns the number of codes left, or -1 if none matched (nothing changes then).
local key = KEYS[1]
local candidate = ARGV[1]
local rec = redis.call('GET', key)
if not rec then
  return -1
end
if #rec < 2 or string.byte(rec, 1) ~= 1 then
  return redis.error_reply('BULWARK_BAD_RECORD recovery codes: unknown version or length')
end
local count = string.byte(rec, 2)
local hashes = {}
local pos = 3
for i = 1, count do
  if pos > #rec then
    return redis.error_reply('BULWARK_BAD_RECORD recovery codes: truncated')
  end
  local length = string.byte(rec, pos)
  if length == 0 then
    return redis.error_reply('BULWARK_BAD_RECORD recovery codes: empty hash')
  end
  if pos + length > #rec then
    return redis.error_reply('BULWARK_BAD_RECORD recovery codes: truncated')
  end
  hashes[i] = string.sub(rec, pos + 1, pos + length)
  pos = pos + 1 + length
end
if pos ~= #rec + 1 then
  return redis.error_reply('BULWARK_BAD_RECORD recovery codes: trailing bytes')
end

local match = 0
for i = 1, count do
  local h = hashes[i]
  local diff = 0
  if #h ~= #candidate then
    diff = 1
  end
  local n = math.min(#h, #candidate)
  for j = 1, n do
    diff = bit.bor(diff, bit.bxor(string.byte(h, j), string.byte(candidate, j)))
  end
  if diff == 0 and match == 0 then
    match = i
  end
end
if match == 0 then
  return -1
end
if count == 1 then
  redis.call('DEL', key)
  return 0
end
local parts = {struct.pack('BB', 1, count - 1)}
for i = 1, count do
  if i ~= match then
    parts[#parts + 1] = struct.pack('B', #hashes[i]) .. hashes[i]
  end
end
redis.call('SET', key, table.concat(parts))
return count - 1
