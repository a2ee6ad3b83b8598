package io.sharedstate.store;

import io.sharedstate.internal.UnsafeAccess;
import io.sharedstate.lock.OwnerToken;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The handles this process made, by the entry they point into, held weakly: when a key is removed, its handles
 * here are retired, so that nothing of this process touches the entry's bytes again and they can be reclaimed.
 */
final class HandleRegistry {
    private final Map<Long, List<WeakReference<EntryHandle>>> byBase = new ConcurrentHashMap<>();

    /** Remembers a new handle. */
    void add(EntryHandle handle) {
        byBase.computeIfAbsent(handle.base, base -> new CopyOnWriteArrayList<>()).add(new WeakReference<>(handle));
    }

    /** Retires every handle of the entry at {@code base}: its key was removed. */
    void retireAt(long base) {
        List<WeakReference<EntryHandle>> handles = byBase.remove(base);
        if (handles != null) {
            for (WeakReference<EntryHandle> reference : handles) {
                EntryHandle handle = reference.get();
                if (handle != null) {
                    handle.retire();
                }
            }
        }
    }

    /** Retires the handles whose entry was removed or made anew, and forgets the handles that are garbage. */
    void retireRemoved() {
        for (Iterator<Map.Entry<Long, List<WeakReference<EntryHandle>>>> it = byBase.entrySet().iterator();
             it.hasNext(); ) {
            Map.Entry<Long, List<WeakReference<EntryHandle>>> entry = it.next();
            long base = entry.getKey();
            boolean removed = UnsafeAccess.getLongVolatile(base + EntryLayout.LOCK) == OwnerToken.REMOVED;
            long entryId = UnsafeAccess.getLongVolatile(base + EntryLayout.ENTRY_ID);
            List<WeakReference<EntryHandle>> handles = entry.getValue();
            for (WeakReference<EntryHandle> reference : handles) {
                EntryHandle handle = reference.get();
                if (handle == null) {
                    handles.remove(reference);
                } else if (removed || handle.entryId != entryId) {
                    handle.retire();
                    handles.remove(reference);
                }
            }
            if (handles.isEmpty()) {
                it.remove();
            }
        }
    }
}
