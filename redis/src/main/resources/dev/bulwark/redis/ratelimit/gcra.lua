-- GCRA decisions for one or more (policy, key) subjects in one atomic step.
-- Wire format of dev.bulwark.redis.ratelimit.RedisRateLimitStore (version 1), in two forms:
-- one subject with one limit (4 or 5 arguments):
--   ARGV     operation, permits, refill interval, burst window, and now unless on server time
--   KEYS     the limit's TAT key
-- any number of subjects, each with any number of limits (7 or more arguments):
--   ARGV[1]  now
--   ARGV[2]  number of subjects
--   then per subject: operation, permits, limit count n, then n pairs (refill interval, burst
--            window)
--   KEYS     the subjects' TAT keys, n per subject, in the same order
-- Times are in microseconds; in the general form, now is '' to read the server's TIME.
-- Operations: 1 acquire, 2 check, 3 refund, 4 reset.
-- Each TAT key holds the absolute time (microseconds) at which that limit is full again, and
-- expires then (PX, rounded up to a millisecond; one minute later on the caller's clock, which
-- the server's may not match); a missing key is full.
-- Returns, per subject: allowed (1/0), remaining permits, retry-after, reset-after (microseconds);
-- but one integer for one subject with one limit (see below).
-- Every value stays below 2^53, so double arithmetic is exact; stored values are written with
-- '%.0f' because Redis would otherwise format large numbers with 14 significant digits.
-- The common case, one subject with one limit, without the tables of the general path and with a
-- one-integer reply from which the caller derives the rest (exactly, as it knows the limit):
-- n >= 0: allowed, the limit is full again in n microseconds (so remaining = (tau - n) / interval);
-- n < 0: denied, with a debt of d = -n - 1 microseconds (retry-after = d + permits * interval - tau).
-- Every argument saved here is time saved on the server's one thread.
local argc = #ARGV
if argc <= 5 then
  local op = ARGV[1]
  if op == '4' then
    redis.call('DEL', KEYS[1])
    return 0
  end
  local now
  local slack = 0
  if argc == 4 then
    local t = redis.call('TIME')
    now = t[1] * 1000000 + t[2]
  else
    now = tonumber(ARGV[5])
    slack = 60000
  end
  local interval = tonumber(ARGV[3])
  local tau = tonumber(ARGV[4])
  local d = 0
  local tat = redis.call('GET', KEYS[1])
  if tat then
    d = tat - now
    if d < 0 then d = 0 elseif d > tau then d = tau end
  end
  local next
  if op == '3' then
    next = d - ARGV[2] * interval
    if next < 0 then next = 0 end
  else
    next = d + ARGV[2] * interval
    if next > tau then return -d - 1 end
    if op == '2' then return next end
  end
  if next > 0 then
    redis.call('SET', KEYS[1], string.format('%.0f', now + next),
      'PX', string.format('%.0f', math.floor((next + 999) / 1000) + slack))
  else
    redis.call('DEL', KEYS[1])
  end
  return next
end

-- The general case: any number of subjects, each with any number of limits.
local now
local slack = 0
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[1])
  slack = 60000
end
local subjects = tonumber(ARGV[2])
local a = 3
local k = 0
local out = {}
for s = 1, subjects do
  local op = tonumber(ARGV[a])
  local permits = tonumber(ARGV[a + 1])
  local n = tonumber(ARGV[a + 2])
  a = a + 3
  if op == 4 then
    local minCapacity = nil
    for i = 1, n do
      redis.call('DEL', KEYS[k + i])
      local c = tonumber(ARGV[a + 2 * i - 1]) / tonumber(ARGV[a + 2 * i - 2])
      if minCapacity == nil or c < minCapacity then minCapacity = c end
    end
    out[#out + 1] = 1
    out[#out + 1] = minCapacity
    out[#out + 1] = 0
    out[#out + 1] = 0
  else
    local debts = {}
    local allowed = 1
    local retry = 0
    for i = 1, n do
      local interval = tonumber(ARGV[a + 2 * i - 2])
      local tau = tonumber(ARGV[a + 2 * i - 1])
      local d = 0
      local tat = redis.call('GET', KEYS[k + i])
      if tat then
        d = tonumber(tat) - now
        if d < 0 then d = 0 elseif d > tau then d = tau end
      end
      debts[i] = d
      if op ~= 3 then
        local wanted = d + permits * interval
        if wanted > tau then
          allowed = 0
          if wanted - tau > retry then retry = wanted - tau end
        end
      end
    end
    local remaining = nil
    local reset = 0
    for i = 1, n do
      local interval = tonumber(ARGV[a + 2 * i - 2])
      local tau = tonumber(ARGV[a + 2 * i - 1])
      local next = debts[i]
      if op == 3 then
        next = next - permits * interval
        if next < 0 then next = 0 end
      elseif allowed == 1 then
        next = next + permits * interval
      end
      if op == 3 or (op == 1 and allowed == 1) then
        if next > 0 then
          redis.call('SET', KEYS[k + i], string.format('%.0f', now + next),
            'PX', string.format('%.0f', math.floor((next + 999) / 1000) + slack))
        else
          redis.call('DEL', KEYS[k + i])
        end
      end
      local r = math.floor((tau - next) / interval)
      if remaining == nil or r < remaining then remaining = r end
      if next > reset then reset = next end
    end
    out[#out + 1] = allowed
    out[#out + 1] = remaining
    out[#out + 1] = retry
    out[#out + 1] = reset
  end
  a = a + 2 * n
  k = k + n
end
return out
