using System.Text.Json;

namespace Bastion.Tools;

/// <summary>
/// Marks a tool that changes things for some arguments and only reads for others (e.g. a generic platform API call whose
/// API name decides). The call pipeline asks it, call by call, once the arguments fit the schema and before anyone is
/// asked: a read runs without confirmation (read-only mode serves it too), a change is confirmed like any destructive
/// tool, with the change in words in the plan and the question. A tool carrying it should still be annotated
/// destructive, since some calls are. It does not show in <c>tools/list</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public abstract class CallRiskAttribute : Attribute
{
    /// <summary>
    /// True (the default) when some calls only read: the tool is then served in read-only mode, which runs its reads and
    /// refuses its changes. False for a tool whose every call changes something and which decides per call only whether
    /// to ask (e.g. a VM control tool whose start is not confirmed but whose stop is): it is hidden in read-only mode like
    /// any tool not annotated read-only, and a call assessed as null runs without confirmation.
    /// </summary>
    public virtual bool SomeCallsOnlyRead => true;

    /// <summary>
    /// Why a call assessed as null is not confirmed, for the plan and the audit entry: by default that it only reads (or,
    /// when <see cref="SomeCallsOnlyRead"/> is false, that the tool asks only for its riskier calls). A tool whose
    /// unconfirmed calls only add (e.g. <c>create</c> beside <c>update</c> and <c>delete</c>) says so.
    /// </summary>
    public virtual string UnconfirmedReason => SomeCallsOnlyRead ? "this call only reads." : "this call needs no confirmation (the tool asks only for its riskier calls).";

    /// <summary>What this call would do.</summary>
    /// <param name="services">The caller's (tenant's) services, e.g. the platform client.</param>
    /// <param name="arguments">The call's arguments, as the schema checked them.</param>
    /// <param name="cancellationToken">Ends the assessment.</param>
    /// <returns>Null when the call only reads (or, when <see cref="SomeCallsOnlyRead"/> is false, needs no confirmation); otherwise the change, in words (<see cref="CallChange.AsAnnotated"/>: confirmed as any destructive tool).</returns>
    /// <exception cref="Core.BastionException">The call is refused (e.g. arguments the platform would refuse); the message says why. Nothing is asked and nothing runs.</exception>
    public abstract ValueTask<CallChange?> AssessAsync(IServiceProvider services, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken);
}
