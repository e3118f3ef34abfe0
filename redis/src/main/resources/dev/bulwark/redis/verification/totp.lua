-- One step on an account's TOTP credentials, chosen by ARGV[1] (TotpCredentialStore):
--   'put-pending' ARGV[2] the pending credential   ARGV[3] now, or '' for the server's TIME
--     Stores ARGV[2] as the pending credential, replacing any other, keeping the active ones.
--     Returns 1.
--   'activate'    ARGV[2] the credential ID   ARGV[3] the most active ones   ARGV[4] now
--     Activates the pending credential ARGV[2] if it has not expired at ARGV[4] and the account
--     has fewer than ARGV[3] active ones. Returns 0 ACTIVATED, 1 NOT_FOUND, 2 LIMIT_REACHED.
--   'remove'      ARGV[2] the credential ID   ARGV[3] now, or '' for the server's TIME
--     Removes the credential ARGV[2], pending or active. Returns 1 if it existed, else 0.
-- KEYS[1]  the account's record
-- An account record, version 1: 0x01 | flags (1: a pending credential follows) |
-- [u16 length | pending credential] | u8 count | count x (u16 length | active credential).
-- A credential: u8 id length (1 to 255) | UTF-8 id | u8 active (0/1) | i64 pending-until
-- (0x7fff_ffff_ffff_ffff once active) | i64 created-at | u8 algorithm (0 to 2) | u8 digits (6 to 8) |
-- u16 step seconds (10 to 300) | u8 steps back (0 to 5) | u8 steps forward (0 to 5) |
-- u16 sealed secret length (at most 4096) | sealed secret.
-- A record is refused exactly when RedisTotpCredentialStore.decode refuses it, so that no write
-- ever rewrites a record that reads would reject.

-- Whether s is well-formed UTF-8 (Unicode 3.9, table 3-7), as Java's strict decoder requires.
local function isUtf8(s)
  local i, n = 1, #s
  while i <= n do
    local c = string.byte(s, i)
    if c >= 0x80 then
      local len, lo, hi
      if c >= 0xC2 and c <= 0xDF then
        len, lo, hi = 2, 0x80, 0xBF
      elseif c == 0xE0 then
        len, lo, hi = 3, 0xA0, 0xBF
      elseif c == 0xED then
        len, lo, hi = 3, 0x80, 0x9F
      elseif c >= 0xE1 and c <= 0xEF then
        len, lo, hi = 3, 0x80, 0xBF
      elseif c == 0xF0 then
        len, lo, hi = 4, 0x90, 0xBF
      elseif c >= 0xF1 and c <= 0xF3 then
        len, lo, hi = 4, 0x80, 0xBF
      elseif c == 0xF4 then
        len, lo, hi = 4, 0x80, 0x8F
      else
        return false
      end
      if i + len - 1 > n then
        return false
      end
      local c2 = string.byte(s, i + 1)
      if c2 < lo or c2 > hi then
        return false
      end
      for j = i + 2, i + len - 1 do
        local cj = string.byte(s, j)
        if cj < 0x80 or cj > 0xBF then
          return false
        end
      end
      i = i + len
    else
      i = i + 1
    end
  end
  return true
end

local ACTIVE_PENDING_UNTIL = struct.pack('>i4I4', 2147483647, 4294967295)

-- nil if the credential c is exactly as the store writes one, active if wantActive, else pending;
-- otherwise its defect.
local function credentialDefect(c, wantActive)
  local n = string.byte(c, 1)
  if n == nil then
    return "malformed"
  end
  if n == 0 then
    return "an empty credential ID"
  end
  if #c < n + 26 then
    return "malformed"
  end
  if not isUtf8(string.sub(c, 2, n + 1)) then
    return "a credential ID that is not UTF-8"
  end
  local flag = string.byte(c, n + 2)
  if flag ~= 0 and flag ~= 1 then
    return "unknown active flag"
  end
  if flag == 1 and string.sub(c, n + 3, n + 10) ~= ACTIVE_PENDING_UNTIL then
    return "an active credential with a pending time"
  end
  local algorithm, digits, step, back, forward, secretLength =
    struct.unpack(">BBI2BBI2", c, n + 19)
  if algorithm > 2 then
    return "unknown algorithm"
  end
  if digits < 6 or digits > 8 or step < 10 or step > 300 or back > 5 or forward > 5 then
    return "malformed"
  end
  if secretLength > 4096 then
    return "a sealed secret too long"
  end
  if #c < n + 26 + secretLength then
    return "malformed"
  end
  if #c > n + 26 + secretLength then
    return "trailing bytes in a credential"
  end
  if flag == 1 and not wantActive then
    return "an active credential as the pending one"
  end
  if flag == 0 and wantActive then
    return "a pending credential among the active"
  end
  return nil
end

local function parse(rec)
  if #rec < 3 or string.byte(rec, 1) ~= 1 then
    return nil, "unknown version or length"
  end
  local flags = string.byte(rec, 2)
  local pos = 3
  local pending = nil
  if flags == 1 then
    if pos + 1 > #rec then
      return nil, "truncated"
    end
    local length = struct.unpack(">I2", rec, pos)
    pending = string.sub(rec, pos + 2, pos + 1 + length)
    if #pending ~= length then
      return nil, "truncated"
    end
    local defect = credentialDefect(pending, false)
    if defect then
      return nil, defect
    end
    pos = pos + 2 + length
  elseif flags ~= 0 then
    return nil, "unknown flags"
  end
  if pos > #rec then
    return nil, "truncated"
  end
  local count = string.byte(rec, pos)
  pos = pos + 1
  local active = {}
  for i = 1, count do
    if pos + 1 > #rec then
      return nil, "truncated"
    end
    local length = struct.unpack(">I2", rec, pos)
    local credential = string.sub(rec, pos + 2, pos + 1 + length)
    if #credential ~= length then
      return nil, "truncated"
    end
    local defect = credentialDefect(credential, true)
    if defect then
      return nil, defect
    end
    active[i] = credential
    pos = pos + 2 + length
  end
  if pos ~= #rec + 1 then
    return nil, "trailing bytes"
  end
  return {pending = pending, active = active}
end

local function idOf(credential)
  return string.sub(credential, 2, 1 + string.byte(credential, 1))
end

local function pendingUntilOf(credential)
  local hi, lo = struct.unpack(">i4I4", credential, string.byte(credential, 1) + 3)
  return hi * 4294967296 + lo
end

local function encode(pending, active)
  local parts = {}
  if pending then
    parts[1] = struct.pack(">BBI2", 1, 1, #pending) .. pending
  else
    parts[1] = struct.pack("BB", 1, 0)
  end
  parts[2] = struct.pack("B", #active)
  for i = 1, #active do
    parts[#parts + 1] = struct.pack(">I2", #active[i]) .. active[i]
  end
  return table.concat(parts)
end

local function serverNow(arg)
  if arg == "" then
    local t = redis.call("TIME")
    return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  end
  return tonumber(arg)
end

-- Writes the record: kept forever with active credentials, else until its pending one expires.
local function store(key, pending, active, now)
  if #active > 0 then
    redis.call("SET", key, encode(pending, active))
  elseif pending and pendingUntilOf(pending) > now then
    redis.call("SET", key, encode(pending, active), "PX", string.format("%d", pendingUntilOf(pending) - now))
  else
    redis.call("DEL", key)
  end
end

local function badRecord(defect)
  return redis.error_reply('BULWARK_BAD_RECORD totp credentials: ' .. defect)
end

local function putPending(key, credential, nowArg)
  local active = {}
  local rec = redis.call('GET', key)
  if rec then
    local parsed, defect = parse(rec)
    if not parsed then
      return badRecord(defect)
    end
    active = parsed.active
  end
  store(key, credential, active, serverNow(nowArg))
  return 1
end

local function activate(key, id, maxActive, now)
  local rec = redis.call('GET', key)
  if not rec then
    return 1
  end
  local parsed, defect = parse(rec)
  if not parsed then
    return badRecord(defect)
  end
  local pending = parsed.pending
  if not pending or idOf(pending) ~= id or now >= pendingUntilOf(pending) then
    return 1
  end
  if #parsed.active >= maxActive then
    return 2
  end
  local n = string.byte(pending, 1)
  local activated = string.sub(pending, 1, n + 1)
    .. struct.pack('>Bi4I4', 1, 2147483647, 4294967295)
    .. string.sub(pending, n + 11)
  local active = parsed.active
  active[#active + 1] = activated
  store(key, nil, active, now)
  return 0
end

local function remove(key, id, nowArg)
  local rec = redis.call('GET', key)
  if not rec then
    return 0
  end
  local parsed, defect = parse(rec)
  if not parsed then
    return badRecord(defect)
  end
  local pending = parsed.pending
  local removed = 0
  if pending and idOf(pending) == id then
    pending = nil
    removed = 1
  end
  local active = {}
  for i = 1, #parsed.active do
    if idOf(parsed.active[i]) == id then
      removed = 1
    else
      active[#active + 1] = parsed.active[i]
    end
  end
  if removed == 1 then
    store(key, pending, active, serverNow(nowArg))
  end
  return removed
end

local op = ARGV[1]
if op == 'put-pending' then
  return putPending(KEYS[1], ARGV[2], ARGV[3])
elseif op == 'activate' then
  return activate(KEYS[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]))
elseif op == 'remove' then
  return remove(KEYS[1], ARGV[2], ARGV[3])
end
return redis.error_reply('unknown totp operation')
