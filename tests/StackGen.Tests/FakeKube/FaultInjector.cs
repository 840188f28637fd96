namespace StackGen.Tests.FakeKube;

/// <summary>
/// Switches that make the fake API server misbehave the way real ones do under load or failure. Each fault is armed
/// for a number of matching requests (<see cref="RequestMatch"/>; null matches every request) and used up as they
/// arrive; faulted requests are still recorded. A request gets at most one delay and one failure. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly HashSet<long> _failAt = [];

    internal FaultInjector()
    {
    }

    /// <summary>Faults still armed: remaining matching requests plus request numbers still to come.</summary>
    public int Armed
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(rule => rule.Remaining) + _failAt.Count;
            }
        }
    }

    /// <summary>409 Conflict ("the object has been modified") on the next matching request, as a lost optimistic-concurrency race.</summary>
    public void ConflictNext(RequestMatch? match = null) => Arm(new Rule(Fault.Conflict, 1, match));

    /// <summary>429 TooManyRequests with a <c>Retry-After</c> header (seconds) for the next <paramref name="count"/> matching requests.</summary>
    public void ThrottleNext(int count, RequestMatch? match = null, int retryAfterSeconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        Arm(new Rule(Fault.Throttle, count, match) { RetryAfterSeconds = retryAfterSeconds });
    }

    /// <summary>500 InternalError for the next <paramref name="count"/> matching requests.</summary>
    public void FailNext(int count = 1, RequestMatch? match = null) => Arm(new Rule(Fault.Fail, count, match));

    /// <summary>500 InternalError for the request with this <see cref="RecordedRequest.Number"/> (1-based, every request counts).</summary>
    public void FailRequest(long number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        lock (_gate)
        {
            _failAt.Add(number);
        }
    }

    /// <summary>
    /// Resets the connection without an answer for the next <paramref name="count"/> matching requests, after the
    /// request was read: the client gets an <see cref="HttpRequestException"/> (HttpClient does not retry it), and
    /// cannot know whether a write took effect (it did not).
    /// </summary>
    public void DropNext(int count = 1, RequestMatch? match = null) => Arm(new Rule(Fault.Drop, count, match));

    /// <summary>Holds the answer to the next <paramref name="count"/> matching requests for <paramref name="delay"/>.</summary>
    public void DelayNext(TimeSpan delay, int count = 1, RequestMatch? match = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Arm(new Rule(Fault.Delay, count, match) { Delay = delay });
    }

    /// <summary>Disarms everything.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _failAt.Clear();
        }
    }

    /// <summary>Uses up the faults this request triggers.</summary>
    internal FaultPlan Take(RecordedRequest request)
    {
        lock (_gate)
        {
            var delay = Consume(rule => rule.Kind == Fault.Delay, request)?.Delay ?? TimeSpan.Zero;
            if (_failAt.Remove(request.Number))
            {
                return new FaultPlan(delay, Fault.Fail, 0);
            }

            var failure = Consume(rule => rule.Kind != Fault.Delay, request);
            return new FaultPlan(delay, failure?.Kind, failure?.RetryAfterSeconds ?? 0);
        }
    }

    private Rule? Consume(Func<Rule, bool> kind, RecordedRequest request)
    {
        var rule = _rules.FirstOrDefault(rule => kind(rule) && rule.Remaining > 0 && (rule.Match ?? RequestMatch.Any).Matches(request));
        if (rule is not null && --rule.Remaining == 0)
        {
            _rules.Remove(rule);
        }

        return rule;
    }

    private void Arm(Rule rule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rule.Remaining, 1);
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    internal enum Fault
    {
        Delay,
        Conflict,
        Throttle,
        Fail,
        Drop,
    }

    private sealed class Rule(Fault kind, int remaining, RequestMatch? match)
    {
        public Fault Kind { get; } = kind;

        public int Remaining { get; set; } = remaining;

        public RequestMatch? Match { get; } = match;

        public TimeSpan Delay { get; init; }

        public int RetryAfterSeconds { get; init; }
    }
}
