
namespace Bastion.Providers.Alpacon.Api;

/// <summary>The notes a bounded listing carries.</summary>
internal static class ListNotes
{
    public static IReadOnlyList<string> Of(AlpaconList list, string what) =>
        list.Truncated ? [$"Showing {list.Items.Count} of {list.Total} {what}; raise limit or narrow the filter to see others."] : [];
}
