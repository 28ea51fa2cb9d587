-- AlterTable
ALTER TABLE "SavedView" ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'user';
