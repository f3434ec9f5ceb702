using Bastion.Core.Inventory;

namespace Bastion.Core.FanOut;

/// <summary>
/// One call's hosts, resolved once: the step that checks a call before it runs (policy, confirmation) resolves its
/// target and hands the hosts over here, and the fan-out runs on exactly those hosts (the ones checked and confirmed)
/// instead of resolving the expression again. After the run it holds the call's <see cref="IFanOutOutcome"/>. One per
/// call (a scoped service); a call nothing resolved beforehand resolves its target here.
/// </summary>
public sealed class CallTargets(IInventory inventory, FanOutOptions options)
{
    private string? _expression;
    private IReadOnlyList<Host>? _hosts;

    /// <summary>What the fan-out of this call came to; null until it ran (or when the call ran no fan-out).</summary>
    public IFanOutOutcome? Outcome { get; private set; }

    /// <summary>Hands over the hosts <paramref name="expression"/> resolved to for this call.</summary>
    public void Hand(string expression, IReadOnlyList<Host> hosts)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(hosts);
        (_expression, _hosts) = (expression, hosts);
    }

    /// <summary>The hosts of <paramref name="target"/>: those handed over for it, else resolved now.</summary>
    /// <exception cref="BastionException">The target is invalid or selects too many hosts.</exception>
    public IReadOnlyList<Host> Resolve(string target) =>
        _hosts is { } hosts && string.Equals(_expression, target, StringComparison.Ordinal)
            ? hosts
            : TargetSelector.Resolve(target, inventory.Hosts, options.MaxHosts);

    /// <summary>Records what the call's fan-out came to.</summary>
    public void Record(IFanOutOutcome outcome) => Outcome = outcome ?? throw new ArgumentNullException(nameof(outcome));
}
