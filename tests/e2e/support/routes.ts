// The navigation's page list as the end-to-end tests walk it: the renderer's own table.
export { pages as pageRoutesForTests } from '../../../renderer/src/app/pages';
