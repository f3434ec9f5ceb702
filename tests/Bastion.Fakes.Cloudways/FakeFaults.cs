namespace Bastion.Fakes.Cloudways;

/// <summary>The faults switched on for the next requests, checked before anything else (the token exchange included).</summary>
public sealed class FakeFaults
{
    private readonly Lock _gate = new();
    private readonly List<FakeFault> _faults = [];

    /// <summary>Answers the next <paramref name="count"/> matching requests (all when null) with <paramref name="status"/>.</summary>
    public void Fail(int status = 503, int? count = null, string? method = null, string? pathPrefix = null)
    {
        lock (_gate)
        {
            _faults.Add(new FakeFault(false, status, count, method, pathPrefix));
        }
    }

    /// <summary>Never answers matching requests (the first <paramref name="count"/> of them, or all when null).</summary>
    public void Hang(int? count = null, string? method = null, string? pathPrefix = null)
    {
        lock (_gate)
        {
            _faults.Add(new FakeFault(true, 0, count, method, pathPrefix));
        }
    }

    /// <summary>Switches every fault off.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>The fault for this request, counted down; null when none applies.</summary>
    internal FakeFault? Take(string method, string path)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Matches(method, path));
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index];
            if (fault.Remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    _faults.RemoveAt(index);
                }
                else
                {
                    _faults[index] = fault with { Remaining = remaining - 1 };
                }
            }

            return fault;
        }
    }
}
