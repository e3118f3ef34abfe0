-- One lockout counter, one atomic transition per call (RedisLockoutStore).
--
-- KEYS[1]  the counter: a hash of f (failures), l (lock-outs), p (passes), perm (0 or 1),
--          la (last activity) and lu (locked until), times in microseconds since the epoch
-- ARGV[1]  'fail', 'status' or 'grant'
-- ARGV[2]  now in microseconds since the epoch, or -1 to read the server's TIME
-- ARGV[3]  milliseconds to keep the key beyond the moment it reads as clear (0 with server time)
-- ARGV[4]  the policy's decay, in microseconds
-- ARGV[5]  the policy's free failures
-- ARGV[6]  the policy's first lock, in microseconds
-- ARGV[7]  the policy's longest lock, in microseconds
-- ARGV[8]  0 for doubling locks, 1 for linear ones
-- ARGV[9]  lock-outs after which the lock is permanent; 0 for never
-- ARGV[10] passes to grant ('grant' only)
--
-- Returns {failures, lockouts, locked for (microseconds), permanent (0 or 1), passes}.
-- Every number stays below 2^53, so Lua's doubles hold it exactly.

local now = tonumber(ARGV[2])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local grace = tonumber(ARGV[3])
local decay = tonumber(ARGV[4])
local free = tonumber(ARGV[5])
local base = tonumber(ARGV[6])
local max = tonumber(ARGV[7])
local linear = ARGV[8] == '1'
local permanentAfter = tonumber(ARGV[9])

local stored = redis.call('HMGET', KEYS[1], 'f', 'l', 'p', 'perm', 'la', 'lu')
local exists = stored[1] ~= false
local f = tonumber(stored[1] or '0')
local l = tonumber(stored[2] or '0')
local p = tonumber(stored[3] or '0')
local perm = stored[4] == '1'
local la = tonumber(stored[5] or '0')
local lu = tonumber(stored[6] or '0')

-- Quiet for the decay period, counted from the end of the last lock: a lock is not quiet time.
local function forgotten()
  local quietSince = la
  if lu > la then
    quietSince = lu
  end
  return (not perm) and now - quietSince >= decay
end

local function view()
  if not exists or forgotten() then
    return {0, 0, 0, 0, 0}
  end
  local lockedFor = lu - now
  if lockedFor < 0 then
    lockedFor = 0
  end
  return {f, l, lockedFor, perm and 1 or 0, p}
end

-- The duration of the k-th lock, as LockoutPolicy.lockNanos computes it.
local function lockFor(k)
  if linear then
    if base * k > max then
      return max
    end
    return base * k
  end
  local doublings = k - 1
  if doublings >= 62 or base > math.floor(max / 2 ^ doublings) then
    return max
  end
  return math.min(max, base * 2 ^ doublings)
end

local function decayIfQuiet()
  if f + p > 0 and forgotten() then
    f = 0
    l = 0
    p = 0
  end
end

local function num(x)
  return string.format('%.0f', x)
end

local function save()
  la = now
  exists = true
  redis.call('HSET', KEYS[1], 'f', num(f), 'l', num(l), 'p', num(p),
    'perm', perm and '1' or '0', 'la', num(la), 'lu', num(lu))
  if perm then
    redis.call('PERSIST', KEYS[1])
  else
    local lockLeft = lu - now
    if lockLeft < 0 then
      lockLeft = 0
    end
    redis.call('PEXPIRE', KEYS[1], num(math.ceil((lockLeft + decay) / 1000) + grace))
  end
end

local op = ARGV[1]
if op == 'status' then
  return view()
elseif op == 'fail' then
  decayIfQuiet()
  if perm or lu - now > 0 then
    return view()
  end
  f = f + 1
  if p > 0 then
    p = p - 1
  end
  if f > free then
    l = l + 1
    lu = now + lockFor(l)
    perm = permanentAfter > 0 and l >= permanentAfter
  end
  save()
  return view()
elseif op == 'grant' then
  decayIfQuiet()
  p = math.min(1000, p + tonumber(ARGV[10]))
  save()
  return view()
end
return redis.error_reply('unknown lockout operation')
