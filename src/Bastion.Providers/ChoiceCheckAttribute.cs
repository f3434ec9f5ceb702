using System.Text.Json;
using Bastion.Tools;

namespace Bastion.Providers;

/// <summary>
/// For a platform write tool whose <c>resource</c> or <c>action</c> decides which parameters it takes (see
/// <see cref="ParameterUse{TChoice}"/>): the call pipeline asks it, call by call and before anyone is asked to confirm,
/// to check the arguments, so a parameter the choice does not take, or a missing one it needs, refuses the call at once
/// instead of after the user said yes. A call with one of the <paramref name="adding"/> actions then runs without
/// confirmation (it only adds, e.g. create beside update and delete); every other call is confirmed as any tool
/// annotated destructive is. Every call changes something, so read-only mode does not serve the tool.
/// </summary>
/// <param name="adding">The values of <c>action</c> that only add; none for a tool whose every call is confirmed.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public abstract class ChoiceCheckAttribute(params string[] adding) : CallRiskAttribute
{
    /// <inheritdoc/>
    public override bool SomeCallsOnlyRead => false;

    /// <inheritdoc/>
    public override string UnconfirmedReason => "this action only adds.";

    /// <inheritdoc/>
    public override ValueTask<CallChange?> AssessAsync(IServiceProvider services, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        Check(arguments);
        var adds = arguments.TryGetValue("action", out var action) && action.ValueKind == JsonValueKind.String && adding.Contains(action.GetString(), StringComparer.Ordinal);
        return ValueTask.FromResult(adds ? null : CallChange.AsAnnotated);
    }

    /// <summary>Checks the call's arguments (as the schema checked them), as the tool itself would before sending anything.</summary>
    /// <exception cref="Core.BastionException">An argument the tool would refuse; the message says which and what is accepted.</exception>
    protected abstract void Check(IReadOnlyDictionary<string, JsonElement> arguments);
}
