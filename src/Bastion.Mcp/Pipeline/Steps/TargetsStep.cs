using System.Text.Json;
using Bastion.Core;
using Bastion.Core.FanOut;
using Bastion.Core.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>
/// Resolves the hosts the call touches, once: its <c>target</c> expression or its <c>host</c>, given or defaulted by the
/// schema (a tool marked <see cref="Bastion.Tools.TargetIsNotHostAttribute"/> has a <c>target</c> that is not a host
/// expression). Every later step (policy, plan, audit) sees these hosts, and the tool's fan-out gets them through the call's
/// <see cref="CallTargets"/> instead of resolving the expression again, so what runs is what was checked and confirmed.
/// </summary>
internal sealed class TargetsStep(IInventory inventory, FanOutOptions fanOut) : ICallStep
{
    public async ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        try
        {
            await inventory.RefreshAsync(cancellationToken);
            if (!call.Tool.Metadata.OfType<Bastion.Tools.TargetIsNotHostAttribute>().Any() && Value(call, "target") is { } target)
            {
                call.Handoff = HandoffOf(call);
                call.Targets = call.Handoff?.Resolve(target) ?? TargetSelector.Resolve(target, inventory.Hosts, fanOut.MaxHosts);
                call.Handoff?.Hand(target, call.Targets);
            }
            else if (Value(call, "host") is { } host)
            {
                call.Targets = [inventory.Get(host)];
            }
        }
        catch (BastionException e)
        {
            call.Refuse(e.Message);
        }
    }

    /// <summary>
    /// The call's own <see cref="CallTargets"/>, from the request's service scope (the SDK opens one per request); none
    /// when the request has no scope of its own, since an instance shared between calls must not carry one call's hosts.
    /// </summary>
    private static CallTargets? HandoffOf(ToolCall call) =>
        call.Request.Services is { } services && !ReferenceEquals(services, call.Request.Server.Services)
            ? services.GetService<CallTargets>()
            : null;

    private static string? Value(ToolCall call, string name)
    {
        if (call.Arguments.TryGetValue(name, out var given))
        {
            return given.GetString();
        }

        return call.Tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty(name, out var schema) && schema.TryGetProperty("default", out var fallback)
            ? fallback.GetString()
            : null;
    }
}
