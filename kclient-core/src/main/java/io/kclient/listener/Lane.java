package io.kclient.listener;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records of one partition that must run one after another: those of one key (in {@code KEY}
 * order, where a partition has many lanes and a key always goes to the same one), of the whole
 * partition ({@code PARTITION}), or a share of it ({@code NONE}, where nothing waits for anything).
 * The poll thread appends each poll's records as a {@link Segment}; one worker at a time takes a
 * turn at the lane and runs them in order.
 *
 * <p>A record that does not hand off while its worker runs it (it completes asynchronously, waits
 * for a retry, or was left to run while the lane went on on another worker) holds back only what
 * must wait for it: in {@code KEY} order its key is parked, and the key's later records wait in the
 * {@link ParkedKey} while the lane's other keys go on; in {@code PARTITION} order the lane itself is
 * held. When the record hands off, the key (or lane) is released and its waiting records run next.
 *
 * <p>A worker stuck in one record (a handler that blocks, in a lane that does not split, see
 * {@link Workers#splitting()}) holds the lane's other keys only until the poll thread sees it stuck:
 * then it {@link #takeOver takes the lane over}, parks the stuck record's key, and gives the rest of
 * the lane to a new turn on another worker.
 *
 * <p>Every method holds the lane's lock for a few steps; {@link #hasParked()}, {@link #turn()} and
 * {@link #running} go without it, so a lane with nothing parked costs no lock per record.
 */
final class Lane implements Runnable {

    private static final VarHandle CURRENT;

    static {
        try {
            CURRENT = MethodHandles.lookup().findVarHandle(Lane.class, "current", RecordRun.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LaneTurns turns;
    private final boolean byKey;
    private final ArrayDeque<Segment> queue = new ArrayDeque<>(4);
    /** Parked keys whose held record handed off and whose waiting records may run now. */
    private final ArrayDeque<ParkedKey> resumable = new ArrayDeque<>();
    private Map<ParkedKey.Id, ParkedKey> parked;
    /** Keys parked, or 1 while the lane is held ({@code PARTITION}): written under the lock, read without it. */
    private volatile int parkedCount;
    /** In a task, or taken by a worker: whoever has it will take a turn. */
    private boolean scheduled;
    private boolean held;
    /** The segment the worker taking a turn holds; what it has not claimed can be taken over. */
    private Segment inHand;
    /** The record the worker taking a turn runs now, if any. */
    @SuppressWarnings("unused") // through CURRENT
    private RecordRun current;
    /** Counts the turns: a worker whose turn was taken over stops when it sees it changed. */
    private volatile int turn;
    /** The record the poll thread saw running at its last look: seen twice, the worker is stuck in it. */
    private RecordRun lastSeen;

    /**
     * @param byKey whether a record that does not hand off parks its key ({@code KEY}) or holds the
     *     whole lane ({@code PARTITION})
     */
    Lane(LaneTurns turns, boolean byKey) {
        this.turns = turns;
        this.byKey = byKey;
    }

    /** A turn on a worker: the lane is its own task when it goes back to the workers alone. */
    @Override
    public void run() {
        turns.run(this);
    }

    /** The poll thread: appends a poll's records; true when the lane became ready and is to be scheduled. */
    synchronized boolean append(Segment segment) {
        queue.add(segment);
        if (scheduled || held) {
            return false;
        }
        scheduled = true;
        return true;
    }

    /**
     * The worker taking a turn: a parked key whose records may run again, else the next segment,
     * else {@code null}, and the lane is idle until something arrives.
     */
    synchronized Object take() {
        if (!resumable.isEmpty()) {
            return resumable.poll();
        }
        if (!held && !queue.isEmpty()) {
            inHand = queue.poll();
            return inHand;
        }
        scheduled = false;
        CURRENT.setRelease(this, null);
        return null;
    }

    /** Gives back what a turn took and did not run, to be taken first. */
    synchronized void putBack(Segment segment) {
        if (inHand == segment) {
            inHand = null;
        }
        if (segment.hasNext()) {
            queue.addFirst(segment);
        }
    }

    /**
     * Gives back what a list call did not get to, {@code unhandled} (records of {@code segment}'s
     * batch, in offset order), then the rest of the segment: they are taken first.
     */
    synchronized void putBack(Segment segment, List<RecordRun> unhandled) {
        putBack(segment);
        if (!unhandled.isEmpty()) {
            int[] order = new int[unhandled.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = unhandled.get(i).index;
            }
            queue.addFirst(new Segment(segment.batch, order, 0, order.length));
        }
    }

    /** The end of a turn that may have left work: the lane goes back to the workers, or idles. */
    synchronized void endTurn() {
        CURRENT.setRelease(this, null);
        if (!resumable.isEmpty() || !held && !queue.isEmpty()) {
            turns.schedule(this);
        } else {
            scheduled = false;
        }
    }

    /** The turn now; a worker notes it when its turn starts. */
    int turn() {
        return turn;
    }

    /** The worker taking a turn starts {@code run}. */
    void running(RecordRun run) {
        CURRENT.setRelease(this, run);
    }

    /**
     * The poll thread, now and then: if the worker taking a turn here runs the record it ran at the
     * last look, it is stuck in it, and the lane is {@link #takeOver taken over}.
     */
    void lookForStuck() {
        RecordRun now = (RecordRun) CURRENT.getAcquire(this);
        if (now != null && now == lastSeen) {
            takeOver(now);
        }
        lastSeen = now;
    }

    /**
     * Takes the lane from a worker stuck in {@code stuck}: the stuck record's key is parked as if it
     * ran asynchronously (its later records wait for it), what the worker had not claimed of its
     * segment goes back to the lane, and the lane goes to the workers for a new turn. The stuck
     * worker stops when its record returns. Not done when there is nothing else to run, once the
     * record handed off (its worker may already be past it), nor for a record without a key to
     * park ({@code NONE} order, or no key): only a parked key proves its worker is still in it.
     */
    synchronized void takeOver(RecordRun stuck) {
        boolean more = !resumable.isEmpty() || !queue.isEmpty() || inHand != null && inHand.hasNext();
        if (CURRENT.getAcquire(this) != stuck || !scheduled || held || !more) {
            return;
        }
        if (!stuck.parkWhileRunning()) {
            return; // handed off, or without a key: its worker may be past it already, and must keep the turn
        }
        turn++;
        if (inHand != null) {
            Segment rest = inHand.takeRest();
            inHand = null;
            if (rest.hasNext()) {
                queue.addFirst(rest);
            }
        }
        CURRENT.setRelease(this, null);
        turns.schedule(this); // still scheduled: the new turn is the lane's
    }

    /** Whether any key is parked (or the lane held): only then does a record need {@link #mayRun}. */
    boolean hasParked() {
        return parkedCount > 0;
    }

    /**
     * Whether {@code run} may start now; if its key is parked it joins the key's waiting records
     * instead. Called while {@link #hasParked()}, by the worker taking the turn.
     */
    synchronized boolean mayRun(RecordRun run) {
        if (!byKey || parked == null) {
            return true;
        }
        ParkedKey key = parked.get(ParkedKey.id(run.record.key()));
        if (key == null) {
            return true;
        }
        key.waiting.add(run);
        return false;
    }

    /** The next waiting record of a key taken from {@link #take()}, or {@code null} once none waits. */
    synchronized RecordRun nextWaiting(ParkedKey key) {
        RecordRun next = key.waiting.poll();
        if (next == null && !key.blocked && parked.remove(key.id) != null) {
            parkedCount--;
        }
        return next;
    }

    /** {@code run} did not hand off: its key's later records (or the lane's) wait for it. Called holding the lock. */
    void park(RecordRun run) {
        if (!byKey) {
            held = true;
            parkedCount = 1;
            return;
        }
        if (parked == null) {
            parked = new HashMap<>();
        }
        ParkedKey.Id id = ParkedKey.id(run.record.key());
        ParkedKey key = parked.get(id);
        if (key == null) {
            key = new ParkedKey(id);
            parked.put(id, key);
            parkedCount++;
        }
        key.blocked = true;
    }

    /** {@code run}, which {@link #park parked} its key (or held the lane), handed off. Called holding the lock. */
    void unpark(RecordRun run) {
        if (!byKey) {
            held = false;
            parkedCount = 0;
            wake(!queue.isEmpty());
            return;
        }
        ParkedKey.Id id = ParkedKey.id(run.record.key());
        ParkedKey key = parked.get(id);
        if (key == null) {
            return; // given up with its partition meanwhile
        }
        key.blocked = false;
        if (key.waiting.isEmpty()) {
            parked.remove(id);
            parkedCount--;
        } else {
            resumable.add(key);
            wake(true);
        }
    }

    private void wake(boolean work) {
        if (work && !scheduled) {
            scheduled = true;
            turns.schedule(this);
        }
    }

    /**
     * The partition is going: every record waiting here (queued, or behind a parked key) is given
     * up; records running finish on their own.
     */
    synchronized void giveUpWaiting() {
        queue.forEach(Segment::giveUpRest);
        queue.clear();
        resumable.clear();
        if (parked != null) {
            parked.values().removeIf(key -> {
                key.waiting.forEach(RecordRun::giveUpUnstarted);
                key.waiting.clear();
                return !key.blocked;
            });
            parkedCount = parked.size();
        }
    }
}
