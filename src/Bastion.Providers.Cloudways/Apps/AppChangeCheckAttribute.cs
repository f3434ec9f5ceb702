using System.Text.Json;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>
/// Checks a cloudways_app_change call before anyone is asked: a parameter the action does not take, or a missing one it
/// needs (<see cref="CloudwaysAppChangeTools.Use"/>), refuses it; every action is then confirmed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class AppChangeCheckAttribute : ChoiceCheckAttribute
{
    /// <inheritdoc/>
    protected override void Check(IReadOnlyDictionary<string, JsonElement> arguments) => CloudwaysAppChangeTools.Use.Check(arguments);
}
