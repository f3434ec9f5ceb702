using Bastion.Core.Policy;

namespace Bastion.Http.Transport;

/// <summary>
/// A session slot taken by <see cref="McpAdmission"/> for one request, kept in the request's items: the SDK's session
/// runner claims it when the request did open a session (it then holds it for the session's life); unclaimed, the
/// admission gives it back when the request ends.
/// </summary>
internal sealed class SessionSlot(SessionSlots slots, Principal? owner)
{
    private int _state;

    /// <summary>The key under which the slot travels in <c>HttpContext.Items</c>.</summary>
    public static readonly object ItemKey = new();

    /// <summary>Claims the slot for a session that has started; false when it was claimed or given back already.</summary>
    public bool Claim() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

    /// <summary>Gives the slot back if nobody claimed it.</summary>
    public void ReleaseUnclaimed()
    {
        if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
        {
            slots.Give(owner);
        }
    }

    /// <summary>Gives back a claimed slot when its session ends.</summary>
    public void SessionEnded()
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) == 1)
        {
            slots.Give(owner);
        }
    }
}
