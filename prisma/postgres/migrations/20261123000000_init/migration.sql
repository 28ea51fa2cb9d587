-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Share" (
    "id" TEXT NOT NULL,
    "viewId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "snapshot" BOOLEAN NOT NULL DEFAULT false,
    "snapshotData" BYTEA,
    "snapshotBytes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "openCount" INTEGER NOT NULL DEFAULT 0,
    "lastOpenedAt" TIMESTAMP(3),

    CONSTRAINT "Share_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestSchedule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "window" TEXT NOT NULL DEFAULT 'since_last_run',
    "filters" TEXT NOT NULL DEFAULT '{}',
    "channels" TEXT NOT NULL DEFAULT '[]',
    "skipEmpty" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DigestSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "id" TEXT NOT NULL,
    "scheduleId" TEXT NOT NULL,
    "scheduledFor" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL DEFAULT 'schedule',
    "windowFrom" TIMESTAMP(3) NOT NULL,
    "windowTo" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "counts" TEXT NOT NULL DEFAULT '{}',
    "channelResults" TEXT NOT NULL DEFAULT '[]',
    "rendered" TEXT NOT NULL DEFAULT '{}',
    "error" TEXT,

    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedView_updatedAt_idx" ON "SavedView"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Share_tokenHash_key" ON "Share"("tokenHash");

-- CreateIndex
CREATE INDEX "Share_viewId_idx" ON "Share"("viewId");

-- CreateIndex
CREATE INDEX "DigestRun_scheduleId_startedAt_idx" ON "DigestRun"("scheduleId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DigestRun_scheduleId_scheduledFor_key" ON "DigestRun"("scheduleId", "scheduledFor");

-- AddForeignKey
ALTER TABLE "Share" ADD CONSTRAINT "Share_viewId_fkey" FOREIGN KEY ("viewId") REFERENCES "SavedView"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestRun" ADD CONSTRAINT "DigestRun_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "DigestSchedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

