using System.Text.Json;

namespace Bastion.Providers.Alpacon.Iam;

/// <summary>
/// Checks an alpacon_iam_change call before anyone is asked: a field the resource or the action does not take, or a
/// missing one it needs (<see cref="AlpaconIamTools.ResourceUse"/>, <see cref="AlpaconIamTools.ActionUse"/>,
/// <see cref="AlpaconIamTools.CheckFields"/>), refuses it. create only adds and runs without confirmation; update and
/// delete are confirmed.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class IamChangeCheckAttribute() : ChoiceCheckAttribute("create")
{
    private static readonly string[] Fields = ["email", "first_name", "last_name", "is_active", "display_name", "description"];

    /// <inheritdoc/>
    protected override void Check(IReadOnlyDictionary<string, JsonElement> arguments)
    {
        AlpaconIamTools.ResourceUse.Check(arguments);
        AlpaconIamTools.ActionUse.Check(arguments);
        if (AlpaconIamTools.ResourceUse.Chosen(arguments) is { } resource && AlpaconIamTools.ActionUse.Chosen(arguments) is { } action)
        {
            bool Given(string name) => arguments.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;
            var email = arguments.TryGetValue("email", out var e) && e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString());
            AlpaconIamTools.CheckFields(resource, action, email, Fields.Any(Given));
        }
    }
}
