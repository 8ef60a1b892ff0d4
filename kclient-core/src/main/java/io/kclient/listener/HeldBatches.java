package io.kclient.listener;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The poll batches of one partition that no commit covers yet, in offset order, on the poll thread
 * alone. The offset safe to commit is that of the first record not done: everything below it is
 * done, whatever finished after it. A cursor remembers that record, so each record is looked at
 * once as it becomes done, not at every commit.
 */
final class HeldBatches {

    private final List<PollBatch> batches = new ArrayList<>();
    /** Position in {@link #batches} of the first batch a commit does not cover whole. */
    private int head;
    /** Position of the batch holding the first record not done, and that record's index in it. */
    private int cursor;
    private int cursorIndex;
    /** The offset after the last received record, or -1 before any. */
    private long next = -1;
    private int records;
    private long bytes;

    void add(PollBatch batch) {
        batches.add(batch);
        next = batch.offset(batch.size() - 1) + 1;
        records += batch.size();
        bytes += batch.bytes();
    }

    /** Received records no commit covers yet. */
    int records() {
        return records;
    }

    /** Their key and payload bytes. */
    long bytes() {
        return bytes;
    }

    /** The offset to commit: the first record not done, else the next to read; -1 when none was received. */
    long committable() {
        advance();
        return cursor < batches.size() ? batches.get(cursor).offset(cursorIndex) : next;
    }

    private void advance() {
        while (cursor < batches.size()) {
            PollBatch batch = batches.get(cursor);
            while (cursorIndex < batch.size() && batch.isDone(cursorIndex)) {
                cursorIndex++;
            }
            if (cursorIndex < batch.size()) {
                return;
            }
            cursor++;
            cursorIndex = 0;
        }
    }

    /** Whether every received record is done. */
    boolean allDone() {
        advance();
        return cursor == batches.size();
    }

    /** Records above the committable offset that are done: what a commit naming them would spare a next owner. */
    int doneAbove() {
        advance();
        int after = 0;
        int pending = 0;
        for (int i = cursor; i < batches.size(); i++) {
            PollBatch batch = batches.get(i);
            after += i == cursor ? batch.size() - cursorIndex : batch.size();
            pending += batch.remaining();
        }
        return Math.max(0, after - Math.max(pending, after > 0 ? 1 : 0)); // the record at the cursor is not done either way
    }

    /**
     * The records done above {@code base} (the committable offset), bit {@code i} for offset
     * {@code base + i}, up to {@code limit} offsets past it.
     */
    BitSet doneAbove(long base, int limit) {
        BitSet done = new BitSet();
        for (int i = cursor; i < batches.size(); i++) {
            PollBatch batch = batches.get(i);
            for (int r = i == cursor ? cursorIndex : 0; r < batch.size(); r++) {
                long index = batch.offset(r) - base;
                if (index >= limit) {
                    return done;
                }
                if (index > 0 && batch.isDone(r)) {
                    done.set((int) index);
                }
            }
        }
        return done;
    }

    /** Records not done nor given up, in any held batch. */
    int unsettled() {
        int unsettled = 0;
        for (int i = cursor; i < batches.size(); i++) {
            unsettled += batches.get(i).remaining();
        }
        return unsettled;
    }

    /** The lowest received offset no commit covers, or -1: where to read again to handle them again. */
    long firstUncommitted() {
        if (head == batches.size()) {
            return -1;
        }
        PollBatch first = batches.get(head);
        return first.offset(first.committed());
    }

    /** A commit of {@code offset} succeeded: lets go of the records below it; {@link #records()} and {@link #bytes()} drop. */
    void committed(long offset) {
        int covered = 0;
        while (head < batches.size()) {
            PollBatch batch = batches.get(head);
            int before = batch.committed();
            bytes -= batch.commit(offset);
            covered += batch.committed() - before;
            if (batch.committed() < batch.size()) {
                break;
            }
            head++;
        }
        records -= covered;
        compact();
    }

    /** Forgets every held batch. */
    void clear() {
        batches.clear();
        head = 0;
        cursor = 0;
        cursorIndex = 0;
        records = 0;
        bytes = 0;
    }

    /** Batches kept in the list, committed ones included until {@link #compact()}; for tests. */
    int positions() {
        return batches.size();
    }

    /** Drops the positions a commit covered, once they are many, so the list does not grow with the partition's life. */
    private void compact() {
        if (head > 64 && head * 2 > batches.size()) {
            batches.subList(0, head).clear();
            cursor -= head;
            head = 0;
        }
    }
}
