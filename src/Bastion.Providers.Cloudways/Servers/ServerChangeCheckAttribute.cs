using System.Text.Json;

namespace Bastion.Providers.Cloudways.Servers;

/// <summary>
/// Checks a cloudways_server_change call before anyone is asked: a parameter the action does not take, or a missing one
/// it needs (<see cref="CloudwaysServerChangeTools.Use"/>), refuses it; every action is then confirmed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class ServerChangeCheckAttribute : ChoiceCheckAttribute
{
    /// <inheritdoc/>
    protected override void Check(IReadOnlyDictionary<string, JsonElement> arguments) => CloudwaysServerChangeTools.Use.Check(arguments);
}
