namespace Bastion.Fakes.CloudStack;

/// <summary>Fault injection, switched per test: the next requests (for one command, or any) fail in a chosen way; jobs can be made to never finish or to fail.</summary>
public sealed class FakeFaults
{
    private readonly Lock _gate = new();
    private readonly List<(FaultKind Kind, string? Command, int Left)> _rules = [];

    /// <summary>When true, async jobs stay in progress however often they are polled.</summary>
    public bool JobsNeverFinish { get; set; }

    /// <summary>When set, the next async job fails with this errorcode and text (then it is cleared).</summary>
    public (int Code, string Text)? FailNextJob { get; set; }

    /// <summary>The next <paramref name="times"/> requests (for <paramref name="command"/>, or any when null) meet <paramref name="kind"/>.</summary>
    public void Add(FaultKind kind, int times = 1, string? command = null)
    {
        lock (_gate)
        {
            _rules.Add((kind, command, times));
        }
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            JobsNeverFinish = false;
            FailNextJob = null;
        }
    }

    internal FaultKind? Take(string? command)
    {
        lock (_gate)
        {
            var index = _rules.FindIndex(r => r.Command is null || string.Equals(r.Command, command, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var rule = _rules[index];
            if (rule.Left <= 1)
            {
                _rules.RemoveAt(index);
            }
            else
            {
                _rules[index] = rule with { Left = rule.Left - 1 };
            }

            return rule.Kind;
        }
    }
}
