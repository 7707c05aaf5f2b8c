import type { Messages } from '../../../i18n/messages';
import type { en } from './en';

export const zhCN: Messages<typeof en> = {
  heading: '工单队列',
  views: {
    label: '队列',
    mine: '我的未结工单',
    team: '我的团队队列',
    unassigned: '未分派',
    open: '全部未结',
    pending: '挂起',
    resolved: '最近解决',
    all: '全部工单',
  },
  empty: {
    mine: '没有分派给您的未结工单。可以从团队队列中领取工单。',
    other: '此队列中没有工单。',
  },
  total_one: '{{count}} 张工单',
  total_other: '{{count}} 张工单',
};
