namespace HyperSearch.Silo.Storage;

/// <summary>
/// Group commit for a reentrant grain: every caller that changed the state waits for a write that
/// began after its change, and the changes made while one write is under way share the next. So
/// each answer still follows a durable write of what it says, while the number of writes follows
/// the storage's speed instead of the number of events. Used on the grain's own scheduler only.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    /// <summary>Completes when a write that began after this call has stored the state (or fails with it).</summary>
    public Task RequestAsync()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = _next.Task;
        if (!_writing)
        {
            _writing = true;
            _ = WriteLoopAsync();
        }

        return done;
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (_next is { } batch)
            {
                _next = null;
                try
                {
                    await write();
                    batch.SetResult();
                }
                catch (Exception e)
                {
                    batch.SetException(e);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
